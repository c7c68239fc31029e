import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far the module's long background tasks have got, per organization (shown read-only in the `integration`
 * settings): the linking of pre-existing customers and the reassignment after a strategy switch. `after_customer_id`
 * is the reassignment's cursor (the linking keeps its own, global one in `link_existing_customers`).
 */
export class IntegrationTaskProgress1763900003200 implements MigrationInterface {
  name = 'IntegrationTaskProgress1763900003200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE integration.task_progress (
        organization_id bigint NOT NULL,
        task text NOT NULL,
        done bigint NOT NULL DEFAULT 0,
        total bigint NOT NULL DEFAULT 0,
        after_customer_id bigint NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        PRIMARY KEY (organization_id, task)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integration.task_progress`);
  }
}
