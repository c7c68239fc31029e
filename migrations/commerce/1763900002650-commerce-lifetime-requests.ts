import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lifetime waiting list holds requests, not customers: one row per order change. With one row per customer, a
 * payment whose transaction found its customer already waiting wrote nothing, and a run that claimed that row before
 * the payment committed read the sums without it; nothing then asked again. A request row of its own is claimed only by
 * a run that starts after the payment committed.
 */
export class CommerceLifetimeRequests1763900002650 implements MigrationInterface {
  name = 'CommerceLifetimeRequests1763900002650';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce.lifetime_pending DROP CONSTRAINT lifetime_pending_pkey`);
    await q.query(`ALTER TABLE commerce.lifetime_pending ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`);
    await q.query(`CREATE INDEX lifetime_pending_customer_idx ON commerce.lifetime_pending (customer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX commerce.lifetime_pending_customer_idx`);
    await q.query(`
      DELETE FROM commerce.lifetime_pending p USING commerce.lifetime_pending q
      WHERE p.customer_id = q.customer_id AND p.id > q.id`);
    await q.query(`ALTER TABLE commerce.lifetime_pending DROP COLUMN id`);
    await q.query(`ALTER TABLE commerce.lifetime_pending ADD PRIMARY KEY (customer_id)`);
  }
}
