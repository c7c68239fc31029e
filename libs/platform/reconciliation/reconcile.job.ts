import { Injectable } from '@nestjs/common';
import { JobHandler, JobProcessor } from '../jobs/job-handler.decorator';
import { Reconciliation } from './reconciliation';

export const RECONCILE_JOB = 'platform.reconcile';

/** The nightly run of a topic's reconcilers (requested by the scheduler); one run per topic at a time. */
@Injectable()
@JobHandler<{ topic: string }>({ name: RECONCILE_JOB, idempotencyKey: (d) => d.topic, attempts: 3 })
export class ReconcileJob implements JobProcessor<{ topic: string }> {
  constructor(private readonly reconciliation: Reconciliation) {}

  async run({ topic }: { topic: string }): Promise<void> {
    await this.reconciliation.run(topic);
  }
}
