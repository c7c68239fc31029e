import type { DataSource } from 'typeorm';
import type { Queryable } from '../../database/queryable';
import type { TransactionRunner } from '../../database/transaction-runner';
import type { Wakeup } from '../wakeup';
import type { JobDriver, JobExecutor, JobRequest, QueuedJob } from '../job-driver';

// A claimed job whose worker died is taken again after this long.
const LEASE = '5 minutes';

/**
 * Jobs kept in the application's own database (`platform.job`), claimed with `FOR UPDATE SKIP LOCKED`. Chosen for the
 * embedded mode because it needs no server and no second connection: BullMQ's PostgreSQL backend needs a dedicated
 * LISTEN connection and a per-connection search_path, which the embedded database (one shared session) cannot give.
 * Being in the same database, a job request commits atomically with the relay's bookkeeping.
 */
export class EmbeddedJobDriver implements JobDriver {
  readonly kind = 'embedded' as const;
  readonly durable = true;
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly wakeup: Wakeup,
    private readonly pollMs: number,
    /** The embedded database: only this process can use it, so a job left active was held by its dead predecessor. */
    private readonly soleProcess = false,
  ) {}

  async enqueue(requests: JobRequest[], db: Queryable): Promise<void> {
    if (requests.length === 0) return;
    await db.query(
      `INSERT INTO platform.job (queue, name, job_key, data, max_attempts, backoff_ms)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::int[], $6::int[])
       ON CONFLICT (job_key) WHERE state = 'waiting' DO NOTHING`,
      [
        requests.map((r) => r.queue),
        requests.map((r) => r.name),
        requests.map((r) => r.key),
        requests.map((r) => JSON.stringify(r.data ?? null)),
        requests.map((r) => r.attempts),
        requests.map((r) => r.backoffMs),
      ],
    );
    this.tx.afterCommit(() => this.wakeup.ring());
  }

  consume(queues: string[], execute: JobExecutor, concurrency: number): void {
    const released = this.soleProcess ? this.releaseOrphans().catch(() => undefined) : Promise.resolve();
    for (let i = 0; i < concurrency; i++) this.loops.push(released.then(() => this.loop(queues, execute)));
  }

  /**
   * After a crash, the jobs the dead process held run again at once rather than when their lease ends (R8). One
   * waiting job per key: an orphan whose key already waits (or has a later orphan) folds into it.
   */
  private async releaseOrphans(): Promise<void> {
    await this.tx.run(async (db) => {
      await db.query(
        `DELETE FROM platform.job a WHERE a.state = 'active' AND EXISTS (
           SELECT 1 FROM platform.job b WHERE b.job_key = a.job_key AND (b.state = 'waiting' OR (b.state = 'active' AND b.id > a.id)))`,
      );
      await db.query(`UPDATE platform.job SET state = 'waiting', locked_until = NULL, run_at = now() WHERE state = 'active'`);
    });
  }

  /** Runs every job that is due now, one by one, until none is left; returns how many ran. */
  async runDue(queues: string[], execute: JobExecutor): Promise<number> {
    let ran = 0;
    for (let job = await this.claim(queues); job; job = await this.claim(queues)) {
      await this.runOne(job, execute);
      ran++;
    }
    return ran;
  }

  async pendingCount(): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM platform.job`);
    return count;
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async close(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  private async loop(queues: string[], execute: JobExecutor): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        if ((await this.runDue(queues, execute)) > 0) continue;
      } catch {
        // The database may be briefly unreachable; the next poll tries again.
      }
      await this.wakeup.wait(this.pollMs, this.abort.signal);
    }
  }

  private async claim(queues: string[]): Promise<(QueuedJob & { id: string; backoffMs: number }) | undefined> {
    if (this.abort.signal.aborted) return undefined;
    const [rows] = await this.dataSource.query(
      `UPDATE platform.job SET state = 'active', attempts = attempts + 1, locked_until = now() + interval '${LEASE}'
       WHERE id = (
         SELECT id FROM platform.job
         WHERE queue = ANY($1) AND ((state = 'waiting' AND run_at <= now()) OR (state = 'active' AND locked_until < now()))
         ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, queue, name, job_key, data, attempts, max_attempts, backoff_ms`,
      [queues],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      queue: row.queue,
      name: row.name,
      key: row.job_key,
      data: row.data,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      backoffMs: row.backoff_ms,
    };
  }

  private async runOne(job: QueuedJob & { id: string; backoffMs: number }, execute: JobExecutor): Promise<void> {
    try {
      await execute(job);
      await this.dataSource.query(`DELETE FROM platform.job WHERE id = $1`, [job.id]);
    } catch (error) {
      if (job.attempt >= job.maxAttempts) {
        await this.dataSource.query(`DELETE FROM platform.job WHERE id = $1`, [job.id]);
        return;
      }
      const delayMs = job.backoffMs * 2 ** (job.attempt - 1);
      // If a newer request with the same key is already waiting it will do the work: this retry folds into it.
      await this.dataSource.query(
        `WITH retried AS (
           UPDATE platform.job j SET state = 'waiting', locked_until = NULL, last_error = $2,
             run_at = now() + make_interval(secs => $3::float8 / 1000)
           WHERE j.id = $1 AND NOT EXISTS (
             SELECT 1 FROM platform.job w WHERE w.job_key = j.job_key AND w.state = 'waiting')
           RETURNING j.id)
         DELETE FROM platform.job WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM retried)`,
        [job.id, String(error instanceof Error ? error.message : error).slice(0, 2000), delayMs],
      );
    }
  }
}
