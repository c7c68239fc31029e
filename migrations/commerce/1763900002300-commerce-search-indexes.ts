import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Trigram indexes, so that `contains` filters on customer names, customer-user e-mails and order numbers stay fast. */
export class CommerceSearchIndexes1763900002300 implements MigrationInterface {
  name = 'CommerceSearchIndexes1763900002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX customer_name_trgm_idx ON commerce.customer USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX customer_user_email_trgm_idx ON commerce.customer_user USING gin (email gin_trgm_ops)`);
    await q.query(`CREATE INDEX order_identifier_trgm_idx ON commerce.order USING gin (identifier gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX commerce.customer_name_trgm_idx, commerce.customer_user_email_trgm_idx, commerce.order_identifier_trgm_idx`);
  }
}
