import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which account each commerce customer belongs to, and the customer's last known lifetime sales value (so that an
 * account's commerce total is one indexed sum). No keys to the other modules' schemas: they are linked by contract.
 */
export class IntegrationCustomerAccounts1763900003000 implements MigrationInterface {
  name = 'IntegrationCustomerAccounts1763900003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE integration.customer_account (
        customer_id bigint PRIMARY KEY,
        organization_id bigint NOT NULL,
        account_id bigint NOT NULL,
        previous_account_id bigint,
        lifetime_sales_value numeric(19, 4) NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX customer_account_account_idx ON integration.customer_account (account_id) INCLUDE (lifetime_sales_value)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integration.customer_account`);
  }
}
