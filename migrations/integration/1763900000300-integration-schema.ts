import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Integration module's own schema. */
export class IntegrationSchema1763900000300 implements MigrationInterface {
  name = 'IntegrationSchema1763900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS integration`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA integration`);
  }
}
