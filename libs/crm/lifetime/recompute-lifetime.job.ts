import { JobHandler, JobProcessor } from '../../platform';
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

  async run({ accountId }: { accountId: string }): Promise<void> {
    await this.recompute(accountId === '*' ? null : [accountId]);
  }

  /** One transaction; `accounts` null = every account. Returns how many lifetimes and totals changed. */
  recompute(accounts: string[] | null): Promise<number> {
    return this.store.tx.run(async () => {
      const [{ changed }] = await this.store.query(B2B_LIFETIME_SQL, [accounts]);
      return changed + (await writeCurrentTotals(this.store, CRM_TOTALS_SQL, [accounts]));
    });
  }
}

