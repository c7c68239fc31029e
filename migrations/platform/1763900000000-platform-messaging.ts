import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox, the embedded job queue and dead letters: the platform's own tables. */
export class PlatformMessaging1763900000000 implements MigrationInterface {
  name = 'PlatformMessaging1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await q.query(`
      CREATE TABLE platform.outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('event', 'job')),
        topic text NOT NULL,
        payload jsonb NOT NULL,
        job_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON platform.outbox (seq) WHERE dispatched_at IS NULL`);
    await q.query(`
      CREATE TABLE platform.inbox (
        message_id uuid NOT NULL,
        subscriber text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, subscriber)
      )`);
    await q.query(`
      CREATE TABLE platform.job (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        name text NOT NULL,
        job_key text NOT NULL,
        data jsonb NOT NULL,
        state text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'active')),
        attempts int NOT NULL DEFAULT 0,
        max_attempts int NOT NULL,
        backoff_ms int NOT NULL,
        run_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // At most one waiting job per key: a burst of requests for the same work coalesces into one run.
    await q.query(`CREATE UNIQUE INDEX job_waiting_key_idx ON platform.job (job_key) WHERE state = 'waiting'`);
    await q.query(`CREATE INDEX job_ready_idx ON platform.job (run_at, id) WHERE state = 'waiting'`);
    await q.query(`
      CREATE TABLE platform.dead_letter (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_key text NOT NULL,
        data jsonb NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        retried_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.dead_letter, platform.job, platform.inbox, platform.outbox`);
  }
}
