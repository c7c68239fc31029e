import { QueryBus } from '@nestjs/cqrs';
import { CustomerLifetimeValue, CustomerLifetimeValuesChanged, ListCustomerLifetimeValues } from '../../contracts/commerce';
import { EventSubscriber, OutboxEventHandler } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { AccountCommerceTotals } from './account-commerce-totals';

/**
 * Customers' lifetime sales values changed: the values the event carries are applied to the customers' links when
 * they are newer than what the link holds (per-customer versions), and the accounts whose customers changed record
 * their commerce totals once, under the accounts' locks. Commerce is not asked again: deliveries overtaking each other,
 * or delivered twice, leave each link with its newest value and each account with the sum of them (never `+=`).
 */
@EventSubscriber({ name: 'integration.account-lifetime-values', event: CustomerLifetimeValuesChanged })
export class AccountLifetimeValuesSubscriber implements OutboxEventHandler<CustomerLifetimeValuesChanged> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly queries: QueryBus,
    private readonly totals: AccountCommerceTotals,
  ) {}

  async handle({ organizationId, customerIds, amounts, versions, paidOrderCounts }: CustomerLifetimeValuesChanged): Promise<void> {
    // Events written before values had versions carry none: their customers' current values are read instead. Events
    // written before counts existed leave the links' counts as they are (null below).
    const values: Array<Pick<CustomerLifetimeValue, 'customerId' | 'amount' | 'version'> & { paidOrderCount: number | null }> = versions
      ? customerIds.map((customerId, i) => ({ customerId, amount: amounts[i], version: versions[i], paidOrderCount: paidOrderCounts?.[i] ?? null }))
      : await this.queries.execute(new ListCustomerLifetimeValues(organizationId, null, customerIds.length, customerIds));
    // Customers not linked yet take their value when they are linked.
    if ((await this.totals.lockAccountsOf(organizationId, customerIds)).length === 0) return;
    const changed: Array<{ account: string }> = await this.store.query(
      `WITH applied AS (
         UPDATE integration.customer_account c
         SET lifetime_sales_value = v.amount, paid_order_count = coalesce(v.orders, c.paid_order_count), lifetime_version = v.version
         FROM unnest($1::bigint[], $2::numeric[], $3::bigint[], $4::int[]) v(id, amount, version, orders)
         WHERE c.customer_id = v.id AND c.customer_id = ANY($1::bigint[]) AND c.lifetime_version < v.version
         RETURNING c.account_id)
       SELECT DISTINCT account_id::text AS account FROM applied`,
      [values.map((v) => v.customerId), values.map((v) => v.amount), values.map((v) => v.version), values.map((v) => v.paidOrderCount)],
    );
    await this.totals.record(organizationId, changed.map((c) => c.account));
  }
}
