import { Injectable } from '@nestjs/common';
import { Outbox } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { PENDING_CUSTOMERS, RecomputeLifetimeSalesValueJob } from './recompute-lifetime-sales-value.job';

/**
 * Asks, in the caller's transaction, for the lifetime sales values of customers to be recomputed in the background:
 * a request per customer joins the waiting list and one request for the batched job is written. Requests coalesce while the job
 * waits, so a burst of payments (for one customer or many) is one recomputation, one event and one account update.
 */
@Injectable()
export class LifetimeRecomputation {
  constructor(
    private readonly store: CommerceStore,
    private readonly outbox: Outbox,
  ) {}

  async recompute(customerIds: Array<string | null | undefined>): Promise<void> {
    const ids = [...new Set(customerIds.filter((id): id is string => !!id))];
    if (ids.length === 0) return;
    // One request row per change, never merged into a waiting one (see the waiting list's migration); no conflict
    // clause either, so this insert never waits on a row another transaction holds.
    await this.store.query(`INSERT INTO commerce.lifetime_pending (customer_id) SELECT unnest($1::bigint[])`, [ids]);
    await this.outbox.schedule(RecomputeLifetimeSalesValueJob, { customerId: PENDING_CUSTOMERS });
  }
}
