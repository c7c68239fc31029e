import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CustomerView } from '../../contracts/commerce';
import { GetAccount } from '../../contracts/crm';
import { IntegrationStore } from '../shared/integration-store';
import { CustomerLinker } from '../customer-accounts/customer-linker';
import { AccountStrategy } from './account-strategy';
import type { CustomerAccountStrategy } from './integration.settings';

/**
 * Puts one customer where a strategy wants it (domain §4.3, Oro's AssignRootStrategy / AssignEachStrategy). A strategy
 * switch to "root" records the account a customer leaves as its previous one, which "each" restores; following a
 * re-parenting does not (the previous account stays the customer's own).
 * - root: a root keeps its account; any other customer goes to its root's account (a new one named after the customer
 *   when the root has none).
 * - each: a root keeps its account; a child goes back to its previous account when that differs from both its current
 *   and its root's (and still exists), keeps an account of its own, or gets a new one when it shares its root's.
 */
@Injectable()
export class CustomerReassignment {
  constructor(
    private readonly store: IntegrationStore,
    private readonly queries: QueryBus,
    private readonly linker: CustomerLinker,
    private readonly strategy: AccountStrategy,
  ) {}

  async apply(strategy: CustomerAccountStrategy, customer: CustomerView, rememberPrevious: boolean): Promise<void> {
    const { organizationId, id } = customer;
    const [link] = await this.store.query(
      `SELECT account_id::text AS account, previous_account_id::text AS previous FROM integration.customer_account WHERE customer_id = $1`,
      [id],
    );
    if (!link) return this.linker.link(organizationId, id, null);
    const { rootId, rootAccount } = await this.strategy.rootOf(organizationId, id);
    if (rootId === null || rootId === id) return;
    if (strategy === 'root') {
      const target = rootAccount ?? (await this.linker.newAccountFor(customer));
      if (target !== link.account) await this.linker.move(organizationId, id, target, rememberPrevious);
      return;
    }
    if (link.previous && link.previous !== link.account && link.previous !== rootAccount && (await this.exists(organizationId, link.previous))) {
      await this.linker.move(organizationId, id, link.previous);
    } else if (link.account === rootAccount) {
      await this.linker.move(organizationId, id, await this.linker.newAccountFor(customer));
    }
  }

  private async exists(organizationId: string, accountId: string): Promise<boolean> {
    return (await this.queries.execute(new GetAccount(organizationId, accountId))) !== null;
  }
}
