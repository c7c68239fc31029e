import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who created and who last changed a contact (Oro's `createdBy`/`updatedBy`); users are referenced by id only. */
export class CrmContactCreatedUpdatedBy1763900001860 implements MigrationInterface {
  name = 'CrmContactCreatedUpdatedBy1763900001860';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE crm.contact ADD COLUMN created_by_id bigint, ADD COLUMN updated_by_id bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE crm.contact DROP COLUMN created_by_id, DROP COLUMN updated_by_id`);
  }
}
