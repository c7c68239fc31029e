import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Exchange rates into the base currency, per organization (used when money is converted, e.g. on closing a deal). */
export class PlatformCurrencyRates1763900000060 implements MigrationInterface {
  name = 'PlatformCurrencyRates1763900000060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform.currency_rate (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL REFERENCES platform.organization,
        currency char(3) NOT NULL,
        rate numeric(28, 10) NOT NULL CHECK (rate > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, currency)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.currency_rate`);
  }
}
