import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lifetime value: ONE current total per (account, channel) — channel null for opportunities won directly on the
 * account — updated in the transaction that recomputes it, plus append-only history rows for trends.
 */
export class CrmLifetimeValues1763900001300 implements MigrationInterface {
  name = 'CrmLifetimeValues1763900001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crm.account_lifetime_value (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        account_id bigint NOT NULL REFERENCES crm.account ON DELETE CASCADE,
        channel_id bigint REFERENCES crm.channel ON DELETE CASCADE,
        amount numeric(19, 4) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX account_lifetime_value_pair_idx ON crm.account_lifetime_value (account_id, coalesce(channel_id, 0))`);
    await q.query(`
      CREATE TABLE crm.lifetime_value_history (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        account_id bigint NOT NULL REFERENCES crm.account ON DELETE CASCADE,
        channel_id bigint REFERENCES crm.channel ON DELETE CASCADE,
        amount numeric(19, 4) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lifetime_value_history_account_idx ON crm.lifetime_value_history (account_id, channel_id, id)`);
    await q.query(`CREATE INDEX b2b_customer_channel_idx ON crm.b2b_customer (channel_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE crm.lifetime_value_history, crm.account_lifetime_value`);
    await q.query(`DROP INDEX crm.b2b_customer_channel_idx`);
  }
}
