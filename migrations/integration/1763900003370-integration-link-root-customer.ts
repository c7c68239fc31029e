import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each link also holds its customer's root customer (itself for a root), kept on linking and re-parenting from what
 * Commerce tells the module, so that a strategy switch decides every customer's account in set-based statements over
 * the module's own table. Links made before it have none yet: a switch asks Commerce for those once.
 */
export class IntegrationLinkRootCustomer1763900003370 implements MigrationInterface {
  name = 'IntegrationLinkRootCustomer1763900003370';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integration.customer_account ADD COLUMN root_customer_id bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integration.customer_account DROP COLUMN root_customer_id`);
  }
}
