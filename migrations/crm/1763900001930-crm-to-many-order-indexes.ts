import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * To-many linkage reads the first targets by id (the JSON:API engine's bound): a contact group's contacts in id order
 * straight from the index, however many it has. Replaces the single-column index it extends.
 */
export class CrmToManyOrderIndexes1763900001930 implements MigrationInterface {
  name = 'CrmToManyOrderIndexes1763900001930';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contact_to_group_group_contact_idx ON crm.contact_to_group (group_id, contact_id)`);
    await q.query(`DROP INDEX crm.contact_to_group_group_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contact_to_group_group_idx ON crm.contact_to_group (group_id)`);
    await q.query(`DROP INDEX crm.contact_to_group_group_contact_idx`);
  }
}
