import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Trigram indexes for the search over names, e-mails and phones (substring matches stay fast as data grows). */
export class CrmSearchIndexes1763900001500 implements MigrationInterface {
  name = 'CrmSearchIndexes1763900001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX account_name_trgm_idx ON crm.account USING gin (name gin_trgm_ops)`);
    // The same expression as the search's contact name (concat_ws is not immutable, so it cannot be indexed).
    await q.query(`CREATE INDEX contact_name_trgm_idx ON crm.contact USING gin ((coalesce(first_name, '') || ' ' || coalesce(last_name, '')) gin_trgm_ops)`);
    await q.query(`CREATE INDEX b2b_customer_name_trgm_idx ON crm.b2b_customer USING gin (name gin_trgm_ops)`);
    for (const owner of ['contact', 'b2b_customer']) {
      for (const kind of ['email', 'phone']) {
        await q.query(`CREATE INDEX ${owner}_${kind}_trgm_idx ON crm.${owner}_${kind} USING gin (${kind} gin_trgm_ops)`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['account_name', 'contact_name', 'b2b_customer_name', 'contact_email', 'contact_phone', 'b2b_customer_email', 'b2b_customer_phone']) {
      await q.query(`DROP INDEX crm.${index}_trgm_idx`);
    }
  }
}
