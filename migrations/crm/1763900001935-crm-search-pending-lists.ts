import type { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGRAM_INDEXES = [
  'account_name_trgm_idx',
  'contact_name_trgm_idx',
  'b2b_customer_name_trgm_idx',
  'contact_email_trgm_idx',
  'contact_phone_trgm_idx',
  'b2b_customer_email_trgm_idx',
  'b2b_customer_phone_trgm_idx',
];

/**
 * Keeps the trigram indexes' pending lists short (the same reason as Commerce's): every search reads a GIN index's
 * whole pending list, 4 MB by default, filled by bulk writes until autovacuum merges it; at 64 kB a search reads at
 * most 8 queued pages.
 */
export class CrmSearchPendingLists1763900001935 implements MigrationInterface {
  name = 'CrmSearchPendingLists1763900001935';

  async up(q: QueryRunner): Promise<void> {
    for (const index of TRIGRAM_INDEXES) await q.query(`ALTER INDEX crm.${index} SET (gin_pending_list_limit = 64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of TRIGRAM_INDEXES) await q.query(`ALTER INDEX crm.${index} RESET (gin_pending_list_limit)`);
  }
}
