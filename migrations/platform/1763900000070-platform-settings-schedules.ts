import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organization settings: one JSON object of stored values per (organization, section); defaults live in code. And the
 * next run of each scheduled job, claimed by exactly one worker when it is due.
 */
export class PlatformSettingsSchedules1763900000070 implements MigrationInterface {
  name = 'PlatformSettingsSchedules1763900000070';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform.setting (
        organization_id bigint NOT NULL REFERENCES platform.organization ON DELETE CASCADE,
        section text NOT NULL,
        value jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, section)
      )`);
    await q.query(`
      CREATE TABLE platform.schedule (
        name text PRIMARY KEY,
        next_run_at timestamptz NOT NULL,
        last_run_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.schedule, platform.setting`);
  }
}
