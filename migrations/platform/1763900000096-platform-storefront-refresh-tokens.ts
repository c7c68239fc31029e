import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens of storefront sign-ins belong to customer users, which live in a module's schema: the key to
 * back-office users no longer fits every row. A token's user is checked on every refresh instead (and a customer
 * user deleted or disabled gets none).
 */
export class PlatformStorefrontRefreshTokens1763900000096 implements MigrationInterface {
  name = 'PlatformStorefrontRefreshTokens1763900000096';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform.refresh_token DROP CONSTRAINT refresh_token_user_id_fkey`);
    await q.query(`CREATE INDEX refresh_token_user_idx ON platform.refresh_token (kind, user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX platform.refresh_token_user_idx`);
    await q.query(`DELETE FROM platform.refresh_token WHERE kind = 'storefront'`);
    await q.query(`ALTER TABLE platform.refresh_token ADD CONSTRAINT refresh_token_user_id_fkey FOREIGN KEY (user_id) REFERENCES platform.user_account ON DELETE CASCADE`);
  }
}
