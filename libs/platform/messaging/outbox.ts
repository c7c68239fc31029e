import { Inject, Injectable, Type } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import type { JobOptions } from '../jobs/job-handler.decorator';
import { JOB_HANDLER } from '../jobs/job-handler.decorator';
import { topicOf } from './integration-event';
import { OutboxRow, insertOutboxRows } from './outbox-rows';
import { OUTBOX_WAKEUP, Wakeup } from '../jobs/wakeup';

export const OUTBOX_NOTIFY_CHANNEL = 'platform_outbox';

/**
 * The transactional outbox: events and job requests are rows written in the caller's transaction, so they exist if and
 * only if the business change committed. The relay turns them into queued deliveries afterwards.
 */
@Injectable()
export class Outbox {
  constructor(
    private readonly tx: TransactionRunner,
    @Inject(OUTBOX_WAKEUP) private readonly wakeup: Wakeup,
    private readonly config: AppConfigService,
  ) {}

  /** Publishes integration events (contract classes with a static `topic`) to the subscribers of every loaded module. */
  async publish(...events: object[]): Promise<void> {
    await this.write(events.map((e) => ({ kind: 'event' as const, topic: topicOf(e), payload: { ...e }, jobKey: null })));
  }

  /**
   * Requests runs of one of the module's jobs, one per data item, in one write. Requests with the same idempotency key
   * coalesce while waiting.
   */
  async schedule<D extends object>(jobClass: Type<unknown>, ...data: D[]): Promise<void> {
    const options = Reflect.getMetadata(JOB_HANDLER, jobClass) as JobOptions<D> | undefined;
    if (!options) throw new Error(`${jobClass.name} is not decorated with @JobHandler`);
    await this.write(data.map((d) => ({ kind: 'job' as const, topic: options.name, payload: d, jobKey: `${options.name}:${options.idempotencyKey(d)}` })));
  }

  private async write(rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.tx.run(async (manager) => {
      await insertOutboxRows(manager, rows);
      // Other processes' relays LISTEN on a real PostgreSQL; NOTIFY is delivered only if this transaction commits.
      if (!this.config.get('embedded')) await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_NOTIFY_CHANNEL]);
      this.tx.afterCommit(() => this.wakeup.ring());
    });
  }
}
