import { Injectable } from '@nestjs/common';
import { Outbox } from '../../platform';
import { RecomputeLifetimeSalesValueJob } from './recompute-lifetime-sales-value.job';

/** Asks, in the caller's transaction, for the lifetime sales values of customers to be recomputed in the background. */
@Injectable()
export class LifetimeRecomputation {
  constructor(private readonly outbox: Outbox) {}

  async recompute(customerIds: Array<string | null | undefined>): Promise<void> {
    const ids = [...new Set(customerIds.filter((id): id is string => !!id))];
    await this.outbox.schedule(RecomputeLifetimeSalesValueJob, ...ids.map((customerId) => ({ customerId })));
  }
}
