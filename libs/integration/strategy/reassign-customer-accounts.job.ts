import { QueryBus } from '@nestjs/cqrs';
import { CountCustomers } from '../../contracts/commerce';
import { JobContext, JobHandler, JobProcessor } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { taskProgress } from '../shared/task-progress';
import { AccountStrategy } from './account-strategy';
import { CustomerReassignment } from './customer-reassignment';

export const REASSIGN_CUSTOMER_ACCOUNTS = 'integration.reassign-customer-accounts';

export interface ReassignCustomerAccountsData {
  organizationId: string;
  /** Customers per transaction (default 25 000, at most 100 000). */
  batchSize?: number;
}
const BATCH = 25_000;
const MAX_BATCH = 100_000;

/**
 * After a strategy switch (Oro: ReassignCustomerProcessor): every customer of the organization is put where the
 * strategy then in force wants it, a batch of links (by customer id) per transaction: a few set-based statements over
 * the module's links, one bulk CRM command for the identities, and the accounts left and joined put on the waiting list
 * of totals, which the job `integration.record-pending-account-totals` records from their links. Customers without an
 * account are linked first. The batch moves the organization's cursor and progress (`integration.task_progress`,
 * shown in the settings) in the same transaction, so a killed run resumes where it stopped; each switch starts the
 * cursor over (`StrategySwitchSubscriber`), and a batch reads the strategy in force, so switching back and forth
 * quickly ends with the last choice. A rerun changes nothing.
 */
@JobHandler<ReassignCustomerAccountsData>({ name: REASSIGN_CUSTOMER_ACCOUNTS, idempotencyKey: (d) => d.organizationId })
export class ReassignCustomerAccountsJob implements JobProcessor<ReassignCustomerAccountsData> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly queries: QueryBus,
    private readonly strategy: AccountStrategy,
    private readonly reassignment: CustomerReassignment,
  ) {}

  async run({ organizationId, batchSize }: ReassignCustomerAccountsData, context?: JobContext): Promise<void> {
    const size = Math.min(Math.max(Math.trunc(batchSize ?? BATCH) || BATCH, 1), MAX_BATCH);
    for (;;) {
      const progress = await this.store.tx.run(() => this.nextBatch(organizationId, size));
      context?.progress?.(progress.done, progress.total);
      if (progress.finished) return;
    }
  }

  private async nextBatch(organizationId: string, size: number): Promise<{ finished: boolean; done: number; total: number }> {
    let cursor = await this.cursor(organizationId);
    if (!cursor) {
      // Requested without a switch (e.g. a dead letter retried): a whole pass.
      await this.start(this.store, organizationId);
      cursor = (await this.cursor(organizationId))!;
    }
    if (cursor.finished) return cursor;
    const strategy = await this.strategy.of(organizationId);
    if (cursor.after === '0') await this.reassignment.linkUnlinked(organizationId);
    const [batch]: Array<{ upto: string | null; n: number }> = await this.store.query(
      `SELECT max(customer_id)::text AS upto, count(*)::int AS n FROM (
         SELECT customer_id FROM integration.customer_account WHERE organization_id = $1 AND customer_id > $2 ORDER BY customer_id LIMIT $3) s`,
      [organizationId, cursor.after, size],
    );
    if (batch.n > 0) await this.reassignment.apply(organizationId, strategy, { after: cursor.after, upto: batch.upto! }, true);
    await taskProgress.advance(this.store, 'reassignCustomerAccounts', new Map([[organizationId, batch.n]]), batch.upto ?? undefined);
    const finished = batch.n < size;
    if (finished) await taskProgress.finish(this.store, 'reassignCustomerAccounts', organizationId);
    return { finished, done: cursor.done + batch.n, total: Math.max(cursor.total, cursor.done + batch.n) };
  }

  /** Starts a pass over every customer of the organization (in the caller's transaction). */
  async start(db: IntegrationStore, organizationId: string): Promise<void> {
    const totals = await this.queries.execute(new CountCustomers(organizationId));
    await taskProgress.start(db, 'reassignCustomerAccounts', totals.length ? totals : [{ organizationId, count: 0 }]);
  }

  /** The organization's cursor, locked until the batch commits (two runs take turns). */
  private async cursor(organizationId: string): Promise<{ after: string; finished: boolean; done: number; total: number } | null> {
    const [row] = await this.store.query(
      `SELECT after_customer_id::text AS after, finished_at IS NOT NULL AS finished, done::int AS done, total::int AS total
       FROM integration.task_progress WHERE organization_id = $1 AND task = 'reassignCustomerAccounts' FOR UPDATE`,
      [organizationId],
    );
    return row ?? null;
  }
}
