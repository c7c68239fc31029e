import { Injectable } from '@nestjs/common';
import { JobHandler, type JobProcessor } from '../jobs/job-handler.decorator';
import type { ScheduledJob } from '../schedules/scheduled-job';
import { AsyncOperationPurge } from './async-operation-purge';

export const PURGE_ASYNC_OPERATIONS_JOB = 'platform.purge-async-operations';

/** The nightly purge of old finished asynchronous operations (requested by the scheduler). */
@Injectable()
@JobHandler<object>({ name: PURGE_ASYNC_OPERATIONS_JOB, idempotencyKey: () => 'all', attempts: 3 })
export class PurgeAsyncOperationsJob implements JobProcessor<object> {
  constructor(private readonly purge: AsyncOperationPurge) {}

  async run(): Promise<void> {
    await this.purge.purge();
  }
}

/** Every night at 03:00 UTC: a quiet hour, before the reconciliation (03:30) and the modules' work (04:00). */
export const purgeAsyncOperationsSchedule: ScheduledJob = {
  name: PURGE_ASYNC_OPERATIONS_JOB,
  cron: '0 3 * * *',
  job: PurgeAsyncOperationsJob,
  data: {},
  description: 'every night: remove the asynchronous operations finished more than ASYNC_OPERATION_RETENTION_DAYS ago, with their errors and files, and the uploads a day old no operation references',
};
