import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storefront accounts: single-use, expiring tokens e-mailed to customer users (registration confirmation, password
 * reset), stored as SHA-256 hashes only; and the time the owner of an e-mail was last told that someone tried to
 * register with it (at most one such mail per 24 h, domain §1.11 `lastDuplicateNotificationDate`).
 */
export class CommerceStorefrontAccounts1763900002500 implements MigrationInterface {
  name = 'CommerceStorefrontAccounts1763900002500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commerce.customer_user_token (
        id bigserial PRIMARY KEY,
        customer_user_id bigint NOT NULL REFERENCES commerce.customer_user ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('confirmation', 'password_reset')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX customer_user_token_user_idx ON commerce.customer_user_token (customer_user_id)`);
    await q.query(`ALTER TABLE commerce.customer_user ADD COLUMN last_duplicate_notification_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce.customer_user DROP COLUMN last_duplicate_notification_at`);
    await q.query(`DROP TABLE commerce.customer_user_token`);
  }
}
