import type { Queryable } from '../database/queryable';
import type { QueuedJob } from '../jobs/job-driver';
import { insertOutboxRows } from './outbox-rows';

export interface DeadLetter {
  id: string;
  queue: string;
  jobName: string;
  jobKey: string;
  data: unknown;
  error: string;
  attempts: number;
  failedAt: string;
  retriedAt: string | null;
}

/**
 * Jobs and event deliveries that failed every attempt. Kept in the application database in every queue mode, so one
 * list (CLI, admin API) shows them all; a retry queues the same work again through the outbox.
 */
export class DeadLetterStore {
  constructor(private readonly db: Queryable) {}

  async record(job: QueuedJob, error: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO platform.dead_letter (queue, job_name, job_key, data, error, attempts) VALUES ($1, $2, $3, $4, $5, $6)`,
      [job.queue, job.name, job.key, JSON.stringify(job.data ?? null), describe(error), job.attempt],
    );
  }

  async list(options: { includeRetried?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
    const rows = await this.db.query(
      `SELECT id, queue, job_name, job_key, data, error, attempts, failed_at, retried_at FROM platform.dead_letter
       WHERE $1::boolean OR retried_at IS NULL ORDER BY id LIMIT $2`,
      [options.includeRetried ?? false, options.limit ?? 1000],
    );
    return rows.map(toDeadLetter);
  }

  /** Queues the dead-lettered work again; returns false if there is no such dead letter or it was retried already. */
  async retry(id: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(id)) return false;
    const [rows] = await this.db.query(
      `UPDATE platform.dead_letter SET retried_at = now() WHERE id = $1 AND retried_at IS NULL
       RETURNING job_name, job_key, data`,
      [id],
    );
    const row = rows[0];
    if (!row) return false;
    // A new key, so that a copy of the failed job still kept by the queue does not swallow the retry.
    await insertOutboxRows(this.db, [
      { kind: 'job', topic: row.job_name, payload: row.data, jobKey: `${row.job_key}:retry-${id}` },
    ]);
    return true;
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 4000);
}

function toDeadLetter(row: Record<string, any>): DeadLetter {
  return {
    id: String(row.id),
    queue: row.queue,
    jobName: row.job_name,
    jobKey: row.job_key,
    data: row.data,
    error: row.error,
    attempts: row.attempts,
    failedAt: new Date(row.failed_at).toISOString(),
    retriedAt: row.retried_at ? new Date(row.retried_at).toISOString() : null,
  };
}
