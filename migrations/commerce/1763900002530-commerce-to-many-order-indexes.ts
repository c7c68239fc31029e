import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * To-many linkage reads the first targets by id (the JSON:API engine's bound): these indexes give them in id order, so
 * a customer group with 10 000 customers, or a role held by every customer user, is read as fast as one with 10. They
 * replace the single-column indexes they extend.
 */
export class CommerceToManyOrderIndexes1763900002530 implements MigrationInterface {
  name = 'CommerceToManyOrderIndexes1763900002530';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX customer_group_id_idx ON commerce.customer (group_id, id)`);
    await q.query(`DROP INDEX commerce.customer_group_idx`);
    await q.query(`CREATE INDEX customer_parent_id_idx ON commerce.customer (parent_id, id)`);
    await q.query(`DROP INDEX commerce.customer_parent_idx`);
    await q.query(`CREATE INDEX customer_user_customer_id_idx ON commerce.customer_user (customer_id, id)`);
    await q.query(`DROP INDEX commerce.customer_user_customer_idx`);
    await q.query(`CREATE INDEX customer_user_to_role_role_user_idx ON commerce.customer_user_to_role (role_id, customer_user_id)`);
    await q.query(`DROP INDEX commerce.customer_user_to_role_role_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX customer_group_idx ON commerce.customer (group_id)`);
    await q.query(`DROP INDEX commerce.customer_group_id_idx`);
    await q.query(`CREATE INDEX customer_parent_idx ON commerce.customer (parent_id)`);
    await q.query(`DROP INDEX commerce.customer_parent_id_idx`);
    await q.query(`CREATE INDEX customer_user_customer_idx ON commerce.customer_user (customer_id)`);
    await q.query(`DROP INDEX commerce.customer_user_customer_id_idx`);
    await q.query(`CREATE INDEX customer_user_to_role_role_idx ON commerce.customer_user_to_role (role_id)`);
    await q.query(`DROP INDEX commerce.customer_user_to_role_role_user_idx`);
  }
}
