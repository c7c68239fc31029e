import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CustomerLifetimeValue, ListCustomerLifetimeValues } from '../../contracts/commerce';
import { RecordChannelLifetimeValues } from '../../contracts/crm';
import { ReconcileProgress, Reconciler } from '../../platform';
import { ORGANIZATION_TOTALS_LOCK } from '../customer-accounts/account-commerce-totals';
import { IntegrationStore } from '../shared/integration-store';
import { CommerceChannels } from './commerce-channels';

const PAGE = 10_000;

/**
 * The integration's derived values from source: every organization has its commerce channel; every link holds its
 * customer's current lifetime sales value (read from Commerce a page of 10 000 at a time, fixed with one statement
 * per page); every account's commerce total is the sum of its customers' values (all of an organization's totals
 * written by one CRM command, under the organization's totals lock, so that no delivery interleaves). Counts the
 * link values and the account totals it had to change.
 */
@Injectable()
export class AccountCommerceReconciler implements Reconciler {
  constructor(
    private readonly store: IntegrationStore,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly channels: CommerceChannels,
  ) {}

  async reconcile(progress: ReconcileProgress): Promise<number> {
    const organizations = await this.store.tx.run(() => this.channels.ensureAll());
    const [{ n: links }] = await this.store.query(`SELECT count(*)::int AS n FROM integration.customer_account`);
    const total = Math.ceil(links / PAGE) + organizations.length;
    let done = 0;
    let corrected = 0;
    progress(done, total);
    for (let after: string | null = null, size = PAGE; size === PAGE; ) {
      const page: CustomerLifetimeValue[] = await this.queries.execute(new ListCustomerLifetimeValues(null, after, PAGE));
      corrected += await this.store.tx.run(() => this.fixLinks(page));
      size = page.length;
      after = page.at(-1)?.customerId ?? after;
      progress((done = Math.min(done + 1, total)), total);
    }
    for (const organizationId of organizations) {
      corrected += await this.store.tx.run(() => this.fixTotals(organizationId));
      progress(++done, total);
    }
    return corrected;
  }

  /**
   * Links whose value or paid-order count differs from their customer's current one take it (a newer version already
   * applied stays).
   */
  private async fixLinks(page: CustomerLifetimeValue[]): Promise<number> {
    if (page.length === 0) return 0;
    const [{ n }] = await this.store.query(
      `WITH fixed AS (
         UPDATE integration.customer_account c SET lifetime_sales_value = v.amount, paid_order_count = v.orders, lifetime_version = v.version
         FROM unnest($1::bigint[], $2::numeric[], $3::bigint[], $4::int[]) v(id, amount, version, orders)
         WHERE c.customer_id = v.id AND c.customer_id = ANY($1::bigint[]) AND c.lifetime_version <= v.version AND (c.lifetime_sales_value <> v.amount OR c.paid_order_count <> v.orders)
         RETURNING 1)
       SELECT count(*)::int AS n FROM fixed`,
      [page.map((v) => v.customerId), page.map((v) => v.amount), page.map((v) => v.version), page.map((v) => v.paidOrderCount)],
    );
    return n;
  }

  /** All the organization's commerce totals and paid-order counts at once; accounts without customers drop to 0. */
  private async fixTotals(organizationId: string): Promise<number> {
    await this.store.query(`SELECT pg_advisory_xact_lock(${ORGANIZATION_TOTALS_LOCK})`, [organizationId]);
    const rows: Array<{ account: string; amount: string; orders: number }> = await this.store.query(
      `SELECT account_id::text AS account, sum(lifetime_sales_value)::numeric(19, 4)::text AS amount, sum(paid_order_count)::int AS orders
       FROM integration.customer_account WHERE organization_id = $1 GROUP BY account_id`,
      [organizationId],
    );
    const channelId = await this.channels.of(organizationId);
    return this.commands.execute(
      new RecordChannelLifetimeValues(organizationId, channelId, rows.map((r) => r.account), rows.map((r) => r.amount), true, rows.map((r) => r.orders)),
    );
  }
}
