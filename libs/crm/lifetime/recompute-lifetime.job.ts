import { type JobContext, JobHandler, JobProcessor } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { B2B_LIFETIME_SQL, CRM_TOTALS_SQL, writeCurrentTotals } from './lifetime-totals';

export const RECOMPUTE_LIFETIME = 'crm.recompute-lifetime';

/**
 * Recomputes, from source, the lifetime values of one account (`accountId`) or of every account (`accountId` "*"):
 * business customers' lifetimes, then the account's current totals per channel and their history. Requests for the
 * same account coalesce; a rerun changes nothing.
 */
@JobHandler<{ accountId: string }>({ name: RECOMPUTE_LIFETIME, idempotencyKey: (d) => d.accountId })
export class RecomputeLifetimeJob implements JobProcessor<{ accountId: string }> {
  constructor(private readonly store: CrmStore) {}

  async run({ accountId }: { accountId: string }, context?: JobContext): Promise<void> {
    await this.recompute(accountId === '*' ? null : [accountId], context?.progress);
  }

  /**
   * One transaction; `accounts` null = every account. Returns how many lifetimes and totals changed. `progress` is told
   * its two set-based steps (the CLI's bar).
   */
  recompute(accounts: string[] | null, progress?: (done: number, total: number) => void): Promise<number> {
    return this.store.tx.run(async () => {
      progress?.(0, 2);
      const [{ changed }] = await this.store.query(B2B_LIFETIME_SQL, [accounts]);
      progress?.(1, 2);
      const totals = await writeCurrentTotals(this.store, CRM_TOTALS_SQL, [accounts]);
      progress?.(2, 2);
      return changed + totals;
    });
  }
}

