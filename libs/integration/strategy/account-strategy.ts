import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetCustomerRoot } from '../../contracts/commerce';
import { Settings } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import type { CustomerAccountStrategy } from './integration.settings';

/** The organization's strategy, and what it says about one customer's account. */
@Injectable()
export class AccountStrategy {
  constructor(
    private readonly settings: Settings,
    private readonly queries: QueryBus,
    private readonly store: IntegrationStore,
  ) {}

  async of(organizationId: string): Promise<CustomerAccountStrategy> {
    return (await this.settings.get<{ customerAccountStrategy: CustomerAccountStrategy }>(organizationId, 'integration')).customerAccountStrategy;
  }

  /** The root of a customer's tree (itself for a root) and the root's account, if it has one. */
  async rootOf(organizationId: string, customerId: string): Promise<{ rootId: string | null; rootAccount: string | null }> {
    const rootId = await this.queries.execute(new GetCustomerRoot(organizationId, customerId));
    if (!rootId) return { rootId: null, rootAccount: null };
    const [row] = await this.store.query(`SELECT account_id::text AS account FROM integration.customer_account WHERE customer_id = $1`, [rootId]);
    return { rootId, rootAccount: row?.account ?? null };
  }
}
