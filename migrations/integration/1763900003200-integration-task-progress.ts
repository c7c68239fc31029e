import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far the module's long background tasks have got, per organization (shown read-only in the `integration`
 * settings): the linking of pre-existing customers and the reassignment after a strategy switch. `after_customer_id`
 * is the reassignment's cursor (the linking keeps its own, global one in `link_existing_customers`).
 * `pending_account_total`: accounts whose commerce total a reassignment records once at the end of its pass (root
 * customers' accounts, which every batch would otherwise sum again).
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
    await q.query(`
      CREATE TABLE integration.pending_account_total (
        organization_id bigint NOT NULL,
        account_id bigint NOT NULL,
        PRIMARY KEY (organization_id, account_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integration.pending_account_total, integration.task_progress`);
  }
}
