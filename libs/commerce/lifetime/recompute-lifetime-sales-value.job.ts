import { type JobContext, JobHandler, JobProcessor } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { CustomerLifetimeValues } from './customer-lifetime-values';
import { CLAIM_PENDING_CUSTOMERS_SQL } from './lifetime-sales-value.sql';

export const RECOMPUTE_LIFETIME_SALES_VALUE = 'commerce.recompute-lifetime-sales-value';

/** `customerId` of the batched run: the customers on the waiting list. */
export const PENDING_CUSTOMERS = 'pending';

/** Waiting requests taken per transaction by the batched run. */
const BATCH = 1000;

export interface RecomputeLifetimeSalesValueData {
  /** "pending" (the waiting list), "*" (every customer: the CLI's full recalculation) or one customer's id. */
  customerId: string;
}

/**
 * Recomputes, from source, the lifetime sales values of the customers waiting for it (a burst of payments is one run:
 * requests coalesce while it waits), of every customer, or of one; writes the values that changed and announces them
 * with CustomerLifetimeValuesChanged, in one transaction per batch of 1000 requests taken off the waiting list. A
 * rerun finds nothing changed and publishes nothing.
 */
@JobHandler<RecomputeLifetimeSalesValueData>({ name: RECOMPUTE_LIFETIME_SALES_VALUE, idempotencyKey: (d) => d.customerId })
export class RecomputeLifetimeSalesValueJob implements JobProcessor<RecomputeLifetimeSalesValueData> {
  constructor(
    private readonly store: CommerceStore,
    private readonly values: CustomerLifetimeValues,
  ) {}

  async run({ customerId }: RecomputeLifetimeSalesValueData, context?: JobContext): Promise<void> {
    if (customerId !== PENDING_CUSTOMERS) {
      // One set-based statement: the CLI's bar shows it started and finished.
      context?.progress?.(0, 1);
      await this.store.tx.run(() => this.values.recompute(customerId === '*' ? null : [customerId]));
      context?.progress?.(1, 1);
      return;
    }
    // A full batch of requests means more may be waiting.
    for (let taken = BATCH; taken >= BATCH; ) {
      taken = await this.store.tx.run(async () => {
        const rows: Array<{ id: string; requests: number }> = await this.store.query(CLAIM_PENDING_CUSTOMERS_SQL, [BATCH]);
        await this.values.recompute(rows.map((r) => r.id));
        return rows.reduce((sum, r) => sum + r.requests, 0);
      });
    }
  }
}
