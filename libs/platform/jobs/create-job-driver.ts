import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import type { DatabaseHandle } from '../database/database-handle';
import type { TransactionRunner } from '../database/transaction-runner';
import type { Wakeup } from './wakeup';
import { BullMqJobDriver } from './drivers/bullmq-job-driver';
import { EmbeddedJobDriver } from './drivers/embedded-job-driver';
import type { JobDriver } from './job-driver';

/** Redis → BullMQ; a real PostgreSQL without Redis → BullMQ's PostgreSQL backend; embedded → jobs in the database. */
export function createJobDriver(
  config: AppConfig,
  database: DatabaseHandle,
  dataSource: DataSource,
  tx: TransactionRunner,
  wakeup: Wakeup,
): JobDriver {
  switch (config.queueDriver) {
    case 'redis':
      return BullMqJobDriver.onRedis(config.redisUrl!, config.queuePrefix, config.jobLockMs);
    case 'postgres':
      return BullMqJobDriver.onPostgres(database.url, config.queuePrefix, config.jobLockMs);
    case 'embedded':
      return new EmbeddedJobDriver(dataSource, tx, wakeup, config.relayPollMs, database.embedded);
  }
}
