import { QueryBus } from '@nestjs/cqrs';
import { CountCustomers, CustomerLifetimeValuesChanged, CustomerView, ListCustomers } from '../../contracts/commerce';
import { JobContext, JobHandler, JobProcessor, Settings } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { taskProgress } from '../shared/task-progress';
import { AccountLifetimeValuesSubscriber } from './account-lifetime-values.subscriber';
import { CustomerBatchLinker } from './customer-batch-linker';
import { linkGuard } from './link-guard';

export const LINK_EXISTING_CUSTOMERS = 'integration.link-existing-customers';

export interface LinkExistingCustomersData {
  again?: boolean;
  /** Customers per transaction (default 5 000, at most 10 000). */
  batchSize?: number;
}
const BATCH = 5_000;
const MAX_BATCH = 10_000;

/**
 * Enabling the integration over existing customers (decision 6, domain §4.4): every customer without an account gets
 * one as the strategy in force says (one per customer under "each", one per root under "root"), with its lifetime sales
 * value counted in the account's commerce channel (the system channel is created first). Requested every minute by the
 * schedule until done. Each batch of customers is one transaction of a few set-based statements (bulk CRM commands)
 * that also moves the cursor and the progress, under the cursor row's lock: an interrupted run resumes where it
 * stopped, two workers take turns, and customers linked meanwhile are skipped. `again` starts over from the first
 * customer (CLI `integration:customers:link`): customers that have an account keep it.
 */
@JobHandler<LinkExistingCustomersData>({ name: LINK_EXISTING_CUSTOMERS, idempotencyKey: () => 'all' })
export class LinkExistingCustomersJob implements JobProcessor<LinkExistingCustomersData> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly queries: QueryBus,
    private readonly settings: Settings,
    private readonly linker: CustomerBatchLinker,
    private readonly lifetimeValues: AccountLifetimeValuesSubscriber,
  ) {}

  async run({ again, batchSize }: LinkExistingCustomersData, context?: JobContext): Promise<void> {
    const size = Math.min(Math.max(Math.trunc(batchSize ?? BATCH) || BATCH, 1), MAX_BATCH);
    if (again) await this.store.query(`UPDATE integration.link_existing_customers SET after_customer_id = 0, finished_at = NULL`);
    for (;;) {
      const batch = await this.store.tx.run(() => this.nextBatch(size));
      if (batch.customers.length > 0) await this.store.tx.run(() => this.settleValues(batch.customers));
      if (context?.progress) await this.report(context.progress);
      if (batch.finished) return;
    }
  }

  /** Links one batch of customers; `finished` when there is nothing left to do. */
  private async nextBatch(size: number): Promise<{ finished: boolean; customers: CustomerView[] }> {
    const [cursor] = await this.store.query(
      `SELECT after_customer_id::text AS after, finished_at IS NOT NULL AS finished FROM integration.link_existing_customers FOR UPDATE`,
    );
    if (!cursor || cursor.finished) return { finished: true, customers: [] };
    await linkGuard.exclusive(this.store);
    if (cursor.after === '0') {
      const totals = await this.queries.execute(new CountCustomers(null));
      await taskProgress.start(this.store, 'linkExistingCustomers', totals);
    }
    const customers = await this.queries.execute(new ListCustomers(null, cursor.after, size));
    const perOrganization = new Map<string, CustomerView[]>();
    for (const c of customers) {
      const group = perOrganization.get(c.organizationId);
      if (group) group.push(c);
      else perOrganization.set(c.organizationId, [c]);
    }
    for (const [organizationId, group] of perOrganization) await this.linker.link(organizationId, group);
    await taskProgress.advance(this.store, 'linkExistingCustomers', new Map([...perOrganization].map(([o, group]) => [o, group.length])));
    const finished = customers.length < size;
    await this.store.query(`UPDATE integration.link_existing_customers SET after_customer_id = $1, finished_at = CASE WHEN $2 THEN now() END`, [
      customers.at(-1)?.id ?? cursor.after,
      finished,
    ]);
    if (finished) await taskProgress.finish(this.store, 'linkExistingCustomers', null);
    return { finished, customers };
  }

  /**
   * A value that changed after the batch read it, and whose event was delivered before the batch committed, found the
   * customer not linked yet and changed nothing: read the batch's values again once committed and let the accounts'
   * totals follow the few that differ (the usual path for changed values).
   */
  private async settleValues(batch: CustomerView[]): Promise<void> {
    const current = await this.queries.execute(new ListCustomers(null, null, batch.length, batch.map((c) => c.id)));
    const changed: Array<{ id: string; organizationId: string; amount: string }> = await this.store.query(
      `SELECT v.id::text AS id, c.organization_id::text AS "organizationId", v.amount::text AS amount
       FROM unnest($1::bigint[], $2::numeric[], $3::int[]) v(id, amount, orders) JOIN integration.customer_account c ON c.customer_id = v.id AND c.customer_id = ANY($1::bigint[])
       WHERE c.lifetime_sales_value IS DISTINCT FROM v.amount OR c.paid_order_count IS DISTINCT FROM v.orders`,
      [current.map((c) => c.id), current.map((c) => c.lifetimeSalesValue), current.map((c) => c.lifetimePaidOrderCount)],
    );
    for (const organizationId of new Set(changed.map((c) => c.organizationId))) {
      const mine = changed.filter((c) => c.organizationId === organizationId);
      const currency = await this.settings.baseCurrency(organizationId);
      await this.lifetimeValues.handle(new CustomerLifetimeValuesChanged(organizationId, mine.map((c) => c.id), mine.map((c) => c.amount), currency));
    }
  }

  private async report(progress: NonNullable<JobContext['progress']>): Promise<void> {
    const [row] = await this.store.query(
      `SELECT coalesce(sum(done), 0)::int AS done, coalesce(sum(total), 0)::int AS total FROM integration.task_progress WHERE task = 'linkExistingCustomers'`,
    );
    progress(row.done, row.total);
  }
}
