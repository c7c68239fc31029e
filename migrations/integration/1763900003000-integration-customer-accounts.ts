import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which account each commerce customer belongs to, and the customer's last known lifetime sales value (so that an
 * account's commerce total is one indexed sum), and CRM's customer association for it (what opportunities point to).
 * No keys to the other modules' schemas: they are linked by contract.
 * `link_existing_customers` is the progress of linking the customers that existed before the module was enabled.
 */
export class IntegrationCustomerAccounts1763900003000 implements MigrationInterface {
  name = 'IntegrationCustomerAccounts1763900003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE integration.customer_account (
        customer_id bigint PRIMARY KEY,
        organization_id bigint NOT NULL,
        account_id bigint NOT NULL,
        association_id bigint NOT NULL,
        previous_account_id bigint,
        lifetime_sales_value numeric(19, 4) NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX customer_account_account_idx ON integration.customer_account (account_id) INCLUDE (lifetime_sales_value)`);
    await q.query(`CREATE UNIQUE INDEX customer_account_association_idx ON integration.customer_account (association_id)`);
    await q.query(`
      CREATE TABLE integration.link_existing_customers (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        after_customer_id bigint NOT NULL DEFAULT 0,
        finished_at timestamptz
      )`);
    await q.query(`INSERT INTO integration.link_existing_customers DEFAULT VALUES`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integration.link_existing_customers`);
    await q.query(`DROP TABLE integration.customer_account`);
  }
}
