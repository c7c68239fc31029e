import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lifetime breakdown (oroinc/crm#243): an account's lifetime paid-order count, as recorded by the channel that
 * counts orders (the integration's commerce channel, with its lifetime values).
 */
export class CrmAccountPaidOrderCount1763900001870 implements MigrationInterface {
  name = 'CrmAccountPaidOrderCount1763900001870';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE crm.account ADD COLUMN lifetime_paid_order_count integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE crm.account DROP COLUMN lifetime_paid_order_count`);
  }
}
