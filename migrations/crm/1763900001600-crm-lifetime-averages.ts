import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monthly average lifetime value per channel (domain §3.5), rebuilt by the nightly aggregation job. */
export class CrmLifetimeAverages1763900001600 implements MigrationInterface {
  name = 'CrmLifetimeAverages1763900001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crm.lifetime_average (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        channel_id bigint REFERENCES crm.channel ON DELETE CASCADE,
        aggregation_date date NOT NULL,
        month smallint NOT NULL,
        quarter smallint NOT NULL,
        year smallint NOT NULL,
        amount numeric(19, 4) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX lifetime_average_month_idx ON crm.lifetime_average (organization_id, coalesce(channel_id, 0), aggregation_date)`,
    );
    await q.query(`CREATE INDEX lifetime_value_history_created_idx ON crm.lifetime_value_history (organization_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE crm.lifetime_average`);
    await q.query(`DROP INDEX crm.lifetime_value_history_created_idx`);
  }
}
