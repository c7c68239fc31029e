import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import { JOB_DRIVER, JobDriver } from '../jobs/job-driver';
import { DeliveryLedger } from './delivery-ledger';

const BATCH = 500;
const SWEEP_EVERY_MS = 5_000;

/**
 * Hands again to the queue the jobs it lost (R7: a Redis wiped, restarted empty or failed over while jobs waited):
 * every few seconds, the deliveries unconfirmed past `DELIVERY_TIMEOUT_MS`, or refused by an unreachable queue, are
 * claimed (`SKIP LOCKED`, so any number of workers share the work) and enqueued under their keys again. A job the
 * queue still holds absorbs the copy (same key); one that is running gets one more run after it, which recomputes
 * from source and changes nothing. Only for queues that can lose data: the embedded queue commits with the database.
 */
@Injectable()
export class DeliverySweeper {
  private readonly logger = new Logger('DeliverySweeper');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: DeliveryLedger,
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    private readonly config: AppConfigService,
  ) {}

  start(): void {
    if (this.timer || this.driver.durable) return;
    this.timer = setInterval(() => {
      this.sweep().catch((error) => this.logger.warn(`Sweep failed, will retry: ${error}`));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Hands the due deliveries to the queue again; returns how many. `timeoutMs` defaults to `DELIVERY_TIMEOUT_MS`. */
  async sweep(timeoutMs = this.config.get('deliveryTimeoutMs')): Promise<number> {
    let total = 0;
    const asOf = await this.ledger.clock();
    for (;;) {
      const due = await this.tx.run((db) => this.ledger.claimUnconfirmed(db, asOf, timeoutMs, BATCH));
      if (due.length === 0) break;
      try {
        await this.driver.enqueue(due, this.tx.manager);
      } catch (error) {
        await this.ledger.refused(due.map((d) => d.key));
        throw error;
      }
      total += due.length;
      if (due.length < BATCH) break;
    }
    if (total > 0) this.logger.warn(`Handed ${total} unconfirmed job(s) to the queue again`);
    return total;
  }
}
