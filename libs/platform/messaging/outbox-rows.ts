import { randomUUID } from 'node:crypto';
import type { Queryable } from '../database/queryable';

export interface OutboxRow {
  kind: 'event' | 'job';
  topic: string;
  payload: object;
  /** For jobs: the full job key (`<job name>:<idempotency key>`). */
  jobKey: string | null;
}

/** One multi-row insert (no COPY: the embedded database cannot take it). */
export async function insertOutboxRows(db: Queryable, rows: OutboxRow[]): Promise<void> {
  await db.query(
    `INSERT INTO platform.outbox (id, kind, topic, payload, job_key)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::text[])`,
    [
      rows.map(() => randomUUID()),
      rows.map((r) => r.kind),
      rows.map((r) => r.topic),
      rows.map((r) => JSON.stringify(r.payload)),
      rows.map((r) => r.jobKey),
    ],
  );
}
