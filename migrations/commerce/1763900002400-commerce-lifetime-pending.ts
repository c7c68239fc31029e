import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lifetime pipeline's own bookkeeping: customers waiting for their lifetime sales value to be recomputed (written
 * in the order's transaction, claimed by one batched job, so a burst of payments is one recomputation), and a version
 * per customer value, drawn from one sequence whenever the value changes, so that a reader applying values out of
 * order keeps the newest.
 */
export class CommerceLifetimePending1763900002400 implements MigrationInterface {
  name = 'CommerceLifetimePending1763900002400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commerce.lifetime_pending (
        customer_id bigint PRIMARY KEY,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE SEQUENCE commerce.lifetime_version_seq`);
    await q.query(`ALTER TABLE commerce.customer ADD COLUMN lifetime_version bigint NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce.customer DROP COLUMN lifetime_version`);
    await q.query(`DROP SEQUENCE commerce.lifetime_version_seq`);
    await q.query(`DROP TABLE commerce.lifetime_pending`);
  }
}
