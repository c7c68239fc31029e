import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs handed to a queue that can lose them (BullMQ on Redis or on its PostgreSQL backend), kept until the job's
 * effect committed: what the queue loses is handed to it again. One row per job key (requests that coalesce share it).
 */
export class PlatformDeliveries1763900000080 implements MigrationInterface {
  name = 'PlatformDeliveries1763900000080';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform.delivery (
        job_key text PRIMARY KEY,
        queue text NOT NULL,
        name text NOT NULL,
        data jsonb NOT NULL,
        attempts int NOT NULL,
        backoff_ms int NOT NULL,
        requested_at timestamptz NOT NULL,
        handed_at timestamptz
      )`);
    await q.query(`CREATE INDEX delivery_handed_idx ON platform.delivery (handed_at NULLS FIRST)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.delivery`);
  }
}
