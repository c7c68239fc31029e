import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Asynchronous operations (api.md A.5): the operation with its status and counters, its work split into chunks (each
 * marked done in the transaction that wrote it, so a restarted worker resumes after the last committed chunk), and the
 * errors of the records it refused. Like the outbox and dead letters, operational records: no foreign keys to
 * organizations or users (an operation outlives neither in practice, and its owner is only used for visibility).
 */
export class PlatformAsyncOperations1763900000090 implements MigrationInterface {
  name = 'PlatformAsyncOperations1763900000090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform.async_operation (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        kind text NOT NULL,
        api text NOT NULL,
        entity_type text NOT NULL,
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'running', 'failed', 'success', 'cancelled')),
        chunk_count integer NOT NULL,
        chunks_done integer NOT NULL DEFAULT 0,
        read_count integer NOT NULL DEFAULT 0,
        write_count integer NOT NULL DEFAULT 0,
        create_count integer NOT NULL DEFAULT 0,
        update_count integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        aggregate_time_ms bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX async_operation_owner ON platform.async_operation (organization_id, owner_id)`);
    await q.query(`
      CREATE TABLE platform.async_operation_chunk (
        operation_id bigint NOT NULL REFERENCES platform.async_operation ON DELETE CASCADE,
        chunk integer NOT NULL,
        data jsonb NOT NULL,
        done_at timestamptz,
        PRIMARY KEY (operation_id, chunk)
      )`);
    await q.query(`
      CREATE TABLE platform.async_operation_error (
        operation_id bigint NOT NULL REFERENCES platform.async_operation ON DELETE CASCADE,
        chunk integer NOT NULL,
        n integer NOT NULL,
        status integer NOT NULL,
        title text NOT NULL,
        detail text NOT NULL,
        pointer text,
        PRIMARY KEY (operation_id, chunk, n)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.async_operation_error, platform.async_operation_chunk, platform.async_operation`);
  }
}
