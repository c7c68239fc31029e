import type { Queryable } from '../database/queryable';
import type { JobRequest } from '../jobs/job-driver';

/**
 * The jobs handed to a queue that can lose them (BullMQ: a Redis wiped or failed over), in `platform.delivery`. The
 * relay records a job in the transaction that marks its outbox rows dispatched, and hands it to the queue after
 * commit; the runner removes it once the job's effect committed; what stays unconfirmed past the timeout (or was
 * never accepted by the queue) is handed again by the sweeper. One row per job key: requests that coalesce share it,
 * and a run confirms only the requests recorded before it started (a later one still needs a run of its own).
 */
export class DeliveryLedger {
  constructor(private readonly db: Queryable) {}

  /** In the relay's transaction. `requested_at` is taken after the outbox rows were claimed (see `confirm`). */
  async record(requests: JobRequest[], db: Queryable): Promise<void> {
    if (requests.length === 0) return;
    await db.query(
      `INSERT INTO platform.delivery (job_key, queue, name, data, attempts, backoff_ms, requested_at, handed_at)
       SELECT k, q, n, d, a, b, clock_timestamp(), clock_timestamp()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::int[], $6::int[]) AS r(k, q, n, d, a, b)
       ON CONFLICT (job_key) DO UPDATE SET data = excluded.data, attempts = excluded.attempts, backoff_ms = excluded.backoff_ms,
         requested_at = excluded.requested_at, handed_at = excluded.handed_at`,
      [
        requests.map((r) => r.key),
        requests.map((r) => r.queue),
        requests.map((r) => r.name),
        requests.map((r) => JSON.stringify(r.data ?? null)),
        requests.map((r) => r.attempts),
        requests.map((r) => r.backoffMs),
      ],
    );
  }

  /** The queue refused them (unreachable): the next sweep hands them again, without waiting for the timeout. */
  async refused(keys: string[]): Promise<void> {
    await this.db.query(`UPDATE platform.delivery SET handed_at = NULL WHERE job_key = ANY($1::text[])`, [keys]);
  }

  /** The database's clock when a run starts: the run covers every request recorded before it. */
  async clock(): Promise<string> {
    const [{ now }] = await this.db.query(`SELECT clock_timestamp()::text AS now`);
    return now;
  }

  /**
   * A run that started at `startedAt` finished (its effect committed, or it was dead-lettered). A request recorded
   * after it started stays: the run may not have seen its change.
   */
  async confirm(key: string, startedAt: string): Promise<void> {
    await this.db.query(`DELETE FROM platform.delivery WHERE job_key = $1 AND requested_at <= $2::timestamptz`, [key, startedAt]);
  }

  /**
   * Claims, in `db`'s transaction, up to `limit` jobs the queue never took, or has not finished within `timeoutMs` of
   * being handed to it, as of the database time `asOf` (fixed for one sweep, so that what it hands is not taken twice).
   */
  async claimUnconfirmed(db: Queryable, asOf: string, timeoutMs: number, limit: number): Promise<JobRequest[]> {
    const rows: Array<Record<string, any>> = await db.query(
      `WITH due AS (
         SELECT job_key FROM platform.delivery
         WHERE handed_at IS NULL OR handed_at <= $3::timestamptz - make_interval(secs => $1::float8 / 1000)
         ORDER BY handed_at NULLS FIRST LIMIT $2 FOR UPDATE SKIP LOCKED),
       handed AS (
         UPDATE platform.delivery d SET handed_at = clock_timestamp() FROM due WHERE d.job_key = due.job_key
         RETURNING d.job_key, d.queue, d.name, d.data, d.attempts, d.backoff_ms)
       SELECT * FROM handed`,
      [timeoutMs, limit, asOf],
    );
    return rows.map((r) => ({ key: r.job_key, queue: r.queue, name: r.name, data: r.data, attempts: r.attempts, backoffMs: r.backoff_ms }));
  }

  async count(): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM platform.delivery`);
    return n;
  }
}
