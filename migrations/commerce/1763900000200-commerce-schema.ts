import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Commerce module's own schema; its tables come with the Commerce issue. */
export class CommerceSchema1763900000200 implements MigrationInterface {
  name = 'CommerceSchema1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS commerce`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA commerce`);
  }
}
