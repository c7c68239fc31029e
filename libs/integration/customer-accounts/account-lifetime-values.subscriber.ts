import { QueryBus } from '@nestjs/cqrs';
import { CustomerLifetimeValuesChanged, CustomerView, ListCustomers } from '../../contracts/commerce';
import { EventSubscriber, OutboxEventHandler } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { AccountCommerceTotals } from './account-commerce-totals';

/**
 * Customers' lifetime sales values changed: their accounts' commerce totals follow. The values are read again from
 * Commerce under the accounts' locks rather than taken from the event, so deliveries that overtake each other still
 * leave the latest values (recomputed from source, never added up).
 */
@EventSubscriber({ name: 'integration.account-lifetime-values', event: CustomerLifetimeValuesChanged })
export class AccountLifetimeValuesSubscriber implements OutboxEventHandler<CustomerLifetimeValuesChanged> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly queries: QueryBus,
    private readonly totals: AccountCommerceTotals,
  ) {}

  async handle({ organizationId, customerIds }: CustomerLifetimeValuesChanged): Promise<void> {
    const accountIds = await this.totals.lockAccountsOf(organizationId, customerIds);
    // Customers not linked yet take their value when they are linked.
    if (accountIds.length === 0) return;
    const current: CustomerView[] = await this.queries.execute(new ListCustomers(organizationId, null, customerIds.length, customerIds));
    await this.store.query(
      `UPDATE integration.customer_account c SET lifetime_sales_value = v.amount
       FROM unnest($1::bigint[], $2::numeric[]) v(id, amount)
       WHERE c.customer_id = v.id AND c.lifetime_sales_value IS DISTINCT FROM v.amount`,
      [current.map((c) => c.id), current.map((c) => c.lifetimeSalesValue)],
    );
    await this.totals.record(organizationId, accountIds);
  }
}
