import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finished asynchronous operations are purged after a retention period, and their chunks' payloads are dropped as soon
 * as they finish (nothing runs a chunk of a finished operation again). So an import's validate-only flag, read from its
 * first chunk until now, becomes a column of the operation; and the purge finds old finished operations by an index.
 */
export class PlatformAsyncOperationRetention1763900000200 implements MigrationInterface {
  name = 'PlatformAsyncOperationRetention1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform.async_operation ADD COLUMN validate_only boolean NOT NULL DEFAULT false`);
    await q.query(`
      UPDATE platform.async_operation o SET validate_only = true
      WHERE o.kind = 'import' AND coalesce((o.source ->> 'validateOnly')::boolean,
        (SELECT (c.data ->> 'validateOnly')::boolean FROM platform.async_operation_chunk c WHERE c.operation_id = o.id AND c.chunk = 1), false)`);
    await q.query(`CREATE INDEX async_operation_finished ON platform.async_operation (finished_at) WHERE finished_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX platform.async_operation_finished`);
    await q.query(`ALTER TABLE platform.async_operation DROP COLUMN validate_only`);
  }
}
