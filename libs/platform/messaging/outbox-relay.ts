import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import { DATABASE_HANDLE } from '../database/database.tokens';
import type { DatabaseHandle } from '../database/database-handle';
import { JOB_DRIVER, JobDriver, JobRequest } from '../jobs/job-driver';
import { DELIVER_EVENT_JOB } from './deliver-event.job';
import { DeliveryLedger } from './delivery-ledger';
import { MessagingRegistry, PLATFORM_QUEUE } from './messaging-registry';
import { NotifyListener } from './notify-listener';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox';
import { OUTBOX_WAKEUP, Wakeup } from '../jobs/wakeup';

const BATCH = 500;

interface OutboxMessage {
  seq: string;
  id: string;
  kind: 'event' | 'job';
  topic: string;
  payload: object;
  job_key: string | null;
}

/**
 * Moves committed outbox rows to the job queue: one delivery job per (message, subscriber of a loaded module), or the
 * requested job. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so any number of relays (worker replicas) can run.
 * With the embedded queue, the jobs are inserted in the same transaction. A queue that can lose data (BullMQ) is
 * handed the jobs after the transaction that records them in the delivery ledger and marks the rows dispatched has
 * committed: whatever it does not take, or loses later, the sweeper hands again. Requests with the same key in one
 * batch are handed once (a burst of requests for one job costs one enqueue).
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private abort?: AbortController;
  private loop?: Promise<void>;
  private listener?: NotifyListener;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly registry: MessagingRegistry,
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    @Inject(OUTBOX_WAKEUP) private readonly wakeup: Wakeup,
    private readonly config: AppConfigService,
    @Inject(DATABASE_HANDLE) private readonly database: DatabaseHandle,
    private readonly ledger: DeliveryLedger,
  ) {}

  /** Relays one batch; returns how many outbox rows it took. */
  async relayBatch(): Promise<number> {
    let handOver: JobRequest[] = [];
    const relayed = await this.tx.run(async (manager) => {
      const messages: OutboxMessage[] = await manager.query(
        `SELECT seq, id, kind, topic, payload, job_key FROM platform.outbox WHERE dispatched_at IS NULL
         ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (messages.length === 0) return 0;
      const requests = [...new Map(messages.flatMap((m) => this.requestsFor(m)).map((r) => [r.key, r])).values()];
      if (this.driver.durable) await this.driver.enqueue(requests, manager);
      else {
        await this.ledger.record(requests, manager);
        handOver = requests;
      }
      await manager.query(`UPDATE platform.outbox SET dispatched_at = now() WHERE seq = ANY($1::bigint[])`, [
        messages.map((m) => m.seq),
      ]);
      return messages.length;
    });
    if (handOver.length > 0) {
      try {
        await this.driver.enqueue(handOver, this.tx.manager);
      } catch (error) {
        await this.ledger.refused(handOver.map((r) => r.key));
        throw error;
      }
    }
    return relayed;
  }

  /** Relays until the outbox has nothing left; returns how many rows it took. */
  async relayAll(): Promise<number> {
    let total = 0;
    for (let n = await this.relayBatch(); n > 0; n = await this.relayBatch()) total += n;
    return total;
  }

  async backlog(): Promise<number> {
    const [{ count }] = await this.tx.manager.query(
      `SELECT count(*)::int AS count FROM platform.outbox WHERE dispatched_at IS NULL`,
    );
    return count;
  }

  /** Relays in the background: at once when woken (commit in this process, NOTIFY from another), else every poll. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.abort = new AbortController();
    if (!this.database.embedded) await this.listen();
    this.loop = this.run(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
    await this.listener?.stop();
    this.listener = undefined;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.relayAll();
      } catch (error) {
        this.logger.warn(`Relay pass failed, will retry: ${error}`);
      }
      await this.wakeup.wait(this.config.get('relayPollMs'), signal);
    }
  }

  /** Polling still relays everything; LISTEN only makes it prompt (and comes back by itself after a database restart). */
  private async listen(): Promise<void> {
    this.listener = new NotifyListener(this.database.url, OUTBOX_NOTIFY_CHANNEL, () => this.wakeup.ring(), this.logger);
    await this.listener.start();
  }

  private requestsFor(message: OutboxMessage): JobRequest[] {
    if (message.kind === 'event') {
      return this.registry.subscribersOf(message.topic).map((s) => ({
        queue: PLATFORM_QUEUE,
        name: DELIVER_EVENT_JOB,
        key: `${message.id}:${s.options.name}`,
        data: { messageId: message.id, topic: message.topic, subscriber: s.options.name, payload: message.payload },
        attempts: this.config.get('jobAttempts'),
        backoffMs: this.config.get('jobBackoffMs'),
      }));
    }
    const job = this.registry.job(message.topic);
    if (!job) {
      this.logger.warn(`Dropping request for job '${message.topic}': no enabled module has it`);
      return [];
    }
    return [
      {
        queue: job.queue,
        name: message.topic,
        key: message.job_key ?? `${message.topic}:${message.id}`,
        data: message.payload,
        attempts: job.options.attempts,
        backoffMs: job.options.backoffMs,
      },
    ];
  }
}
