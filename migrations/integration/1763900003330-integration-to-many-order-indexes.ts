import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * To-many linkage reads the first targets by id (the JSON:API engine's bound): an account's customers in id order
 * straight from the index, even for an account holding every customer of a hierarchy. Keeps the included lifetime
 * sales value the account sums read from the index alone.
 */
export class IntegrationToManyOrderIndexes1763900003330 implements MigrationInterface {
  name = 'IntegrationToManyOrderIndexes1763900003330';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX customer_account_account_customer_idx ON integration.customer_account (account_id, customer_id) INCLUDE (lifetime_sales_value)`);
    await q.query(`DROP INDEX integration.customer_account_account_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX customer_account_account_idx ON integration.customer_account (account_id) INCLUDE (lifetime_sales_value)`);
    await q.query(`DROP INDEX integration.customer_account_account_customer_idx`);
  }
}
