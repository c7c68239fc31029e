import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lifetime pipeline on the integration side: the version of each customer's value last applied to its link (a
 * delivery applies a value only if it is newer), and each organization's commerce channel, resolved once. Enabling
 * the integration over existing organizations requests, through the outbox, the job that gives each its commerce
 * channel (decision 6): CRM creates it, through its contract, as soon as a worker runs.
 */
export class IntegrationLifetimePipeline1763900003100 implements MigrationInterface {
  name = 'IntegrationLifetimePipeline1763900003100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integration.customer_account ADD COLUMN lifetime_version bigint NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE integration.commerce_channel (
        organization_id bigint PRIMARY KEY,
        channel_id bigint NOT NULL
      )`);
    await q.query(
      `INSERT INTO platform.outbox (id, kind, topic, payload, job_key)
       VALUES (gen_random_uuid(), 'job', 'integration.ensure-commerce-channels', '{}', 'integration.ensure-commerce-channels:all')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integration.commerce_channel`);
    await q.query(`ALTER TABLE integration.customer_account DROP COLUMN lifetime_version`);
  }
}
