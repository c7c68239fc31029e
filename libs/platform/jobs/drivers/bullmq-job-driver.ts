import { Queue, Worker, createPostgresBackend, withBackend } from 'bullmq';
import type { ConnectionOptions } from 'bullmq';
import type { JobDriver, JobExecutor, JobRequest } from '../job-driver';

const PENDING_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;
const PING_TIMEOUT_MS = 1500;

interface QueueClasses {
  Queue: new (name: string, opts: any) => Queue;
  Worker: new (name: string, processor: any, opts: any) => Worker;
}

/**
 * BullMQ, on Redis (`REDIS_URL`, the production path) or on its PostgreSQL backend (only `DATABASE_URL`: small
 * deployments without Redis). One BullMQ queue per module.
 */
export class BullMqJobDriver implements JobDriver {
  readonly durable = false;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

  private constructor(
    readonly kind: 'redis' | 'postgres',
    private readonly classes: QueueClasses,
    private readonly connection: () => ConnectionOptions | object,
    private readonly prefix: string,
    private readonly lockMs: number,
  ) {}

  /**
   * `prefix` namespaces the queues, so that several deployments (or test runs) can share one Redis. `lockMs` is how
   * long a worker's hold on a running job lasts unless renewed (every half of it).
   */
  static onRedis(redisUrl: string, prefix: string, lockMs: number): BullMqJobDriver {
    return new BullMqJobDriver('redis', { Queue, Worker }, () => redisOptions(redisUrl), prefix, lockMs);
  }

  static onPostgres(databaseUrl: string, prefix: string, lockMs: number): BullMqJobDriver {
    const classes = withBackend(createPostgresBackend) as unknown as QueueClasses;
    // BullMQ keeps its own tables in the `bullmq` schema and migrates them itself (under an advisory lock).
    const connection = () => ({ connectionString: databaseUrl, schema: 'bullmq', max: 4, migrate: true });
    return new BullMqJobDriver('postgres', classes, connection, prefix, lockMs);
  }

  async enqueue(requests: JobRequest[]): Promise<void> {
    const byQueue = new Map<string, JobRequest[]>();
    for (const r of requests) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
    for (const [queue, list] of byQueue) {
      await this.queue(queue).addBulk(
        list.map((r) => ({
          name: r.name,
          data: { key: r.key, data: r.data },
          opts: {
            // Requests with the same key coalesce while one waits; one arriving while the job RUNS is kept and run
            // after it (keepLastIfActive), so a change made during a recomputation is never lost.
            deduplication: { id: r.key, keepLastIfActive: true },
            attempts: r.attempts,
            backoff: { type: 'exponential', delay: r.backoffMs },
            removeOnComplete: true,
            removeOnFail: { count: 1000 },
          },
        })),
      );
    }
  }

  consume(queues: string[], execute: JobExecutor, concurrency: number): void {
    for (const queue of queues) {
      const worker = new this.classes.Worker(
        queue,
        async (job: { name: string; data: { key: string; data: unknown }; attemptsMade: number; opts: { attempts?: number } }) =>
          execute({
            queue,
            name: job.name,
            key: job.data.key,
            data: job.data.data,
            attempt: job.attemptsMade + 1,
            maxAttempts: job.opts.attempts ?? 1,
          }),
        {
          connection: this.connection(),
          concurrency,
          prefix: this.prefix,
          drainDelay: 1,
          // A killed worker's jobs (R8): their lock lapses after lockMs and the next stalled-job check, every half
          // of it on every worker, puts them back, so they run again within about 1.5 × lockMs (BullMQ's defaults,
          // 30 s each, left values stale for up to a minute). A job stalled repeatedly fails; the delivery ledger
          // still holds it.
          lockDuration: this.lockMs,
          stalledInterval: Math.max(500, Math.floor(this.lockMs / 2)),
          maxStalledCount: 2,
        },
      );
      // Failures are reported by the runner; BullMQ's own error events would otherwise crash on no listener.
      worker.on('error', () => undefined);
      this.workers.push(worker);
    }
  }

  async pendingCount(): Promise<number> {
    let total = 0;
    for (const queue of this.queues.values()) {
      const counts = await queue.getJobCounts(...PENDING_STATES);
      total += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    return total;
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.kind} queue did not answer`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.queue('platform').getJobCounts('waiting'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new this.classes.Queue(name, { connection: this.connection(), prefix: this.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }
}

function redisOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
