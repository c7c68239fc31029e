import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The CRM module's own schema; its tables come with the CRM issue. */
export class CrmSchema1763900000100 implements MigrationInterface {
  name = 'CrmSchema1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS crm`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA crm`);
  }
}
