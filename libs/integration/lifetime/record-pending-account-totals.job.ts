import { JobContext, JobHandler, JobProcessor } from '../../platform';
import { AccountCommerceTotals } from '../customer-accounts/account-commerce-totals';
import { IntegrationStore } from '../shared/integration-store';

export const RECORD_PENDING_ACCOUNT_TOTALS = 'integration.record-pending-account-totals';

export interface RecordPendingAccountTotalsData {
  organizationId: string;
  /** Accounts per transaction (default 10 000). */
  batchSize?: number;
}
const BATCH = 10_000;

/**
 * Records the commerce totals (and paid-order counts) of an organization's waiting accounts from their links, with a
 * history row for each that changed, a batch per transaction: the batch takes its accounts off the list, sums their
 * links and records them in the same transaction (decision 3), under the organization's totals lock held exclusively
 * (one lock instead of one per account; deliveries of new values wait for the batch, about a second at most), which
 * every writer of the list also holds, so none adds to it meanwhile. A killed run loses nothing: its batch rolls back
 * onto the list.
 */
@JobHandler<RecordPendingAccountTotalsData>({ name: RECORD_PENDING_ACCOUNT_TOTALS, idempotencyKey: (d) => d.organizationId })
export class RecordPendingAccountTotalsJob implements JobProcessor<RecordPendingAccountTotalsData> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly totals: AccountCommerceTotals,
  ) {}

  async run({ organizationId, batchSize }: RecordPendingAccountTotalsData, context?: JobContext): Promise<void> {
    const size = Math.max(Math.trunc(batchSize ?? BATCH) || BATCH, 1);
    let done = 0;
    for (;;) {
      const recorded = await this.store.tx.run(() => this.nextBatch(organizationId, size));
      done += recorded;
      context?.progress?.(done, done);
      if (recorded < size) return;
    }
  }

  private async nextBatch(organizationId: string, size: number): Promise<number> {
    await this.totals.lockOrganization(organizationId);
    const rows: Array<{ id: string }> = await this.store.query(
      `WITH batch AS (
         SELECT DISTINCT account_id FROM integration.pending_account_total WHERE organization_id = $1 ORDER BY account_id LIMIT $2),
       taken AS (
         DELETE FROM integration.pending_account_total p USING batch b WHERE p.organization_id = $1 AND p.account_id = b.account_id
         RETURNING p.account_id)
       SELECT DISTINCT account_id::text AS id FROM taken`,
      [organizationId, size],
    );
    await this.totals.record(organizationId, rows.map((r) => r.id));
    return rows.length;
  }
}
