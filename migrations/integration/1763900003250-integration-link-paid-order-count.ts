import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lifetime breakdown (oroinc/crm#243): each link also holds its customer's paid-order count, under the same
 * version as its value (Commerce versions the pair), so that an account's count is Σ of its customers' counts. Existing
 * links start at 0 and take their counts from the next change of their customer or the lifetime reconciliation.
 */
export class IntegrationLinkPaidOrderCount1763900003250 implements MigrationInterface {
  name = 'IntegrationLinkPaidOrderCount1763900003250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integration.customer_account ADD COLUMN paid_order_count integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integration.customer_account DROP COLUMN paid_order_count`);
  }
}
