import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetterStore } from './dead-letter-store';
import { DeliveryLedger } from './delivery-ledger';
import { MessagingRegistry } from './messaging-registry';
import { PlatformMetrics } from '../metrics/platform-metrics';
import { JOB_DRIVER, JobDriver, QueuedJob } from '../jobs/job-driver';

/**
 * Runs one queued job with its module's handler; dead-letters it when its last attempt fails. With a queue that can
 * lose data, a finished job (done, or dead-lettered) is confirmed in the delivery ledger: its handler's transactions
 * committed before, so a crash in between only runs it once more.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('Jobs');
  private readonly deadLetters: DeadLetterStore;

  constructor(
    private readonly registry: MessagingRegistry,
    @Inject(PlatformMetrics) private readonly metrics: PlatformMetrics,
    dataSource: DataSource,
    private readonly ledger: DeliveryLedger,
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
  ) {
    this.deadLetters = new DeadLetterStore(dataSource);
  }

  readonly execute = async (job: QueuedJob): Promise<void> => {
    const started = process.hrtime.bigint();
    const startedAt = this.driver.durable ? undefined : await this.ledger.clock();
    try {
      const registered = this.registry.job(job.name);
      if (!registered) throw new Error(`No handler for job '${job.name}' in the enabled modules`);
      await registered.processor.run(job.data, { attempt: job.attempt, key: job.key });
      this.metrics.jobFinished(job.name, 'completed', started);
    } catch (error) {
      const final = job.attempt >= job.maxAttempts;
      this.metrics.jobFinished(job.name, final ? 'dead_lettered' : 'failed', started);
      this.logger.warn(`Job ${job.name} (${job.key}) failed on attempt ${job.attempt}/${job.maxAttempts}: ${error}`);
      if (final) await this.deadLetters.record(job, error);
      if (final && startedAt) await this.ledger.confirm(job.key, startedAt);
      throw error;
    }
    if (startedAt) await this.ledger.confirm(job.key, startedAt);
  };
}
