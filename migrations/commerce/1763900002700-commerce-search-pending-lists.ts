import type { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGRAM_INDEXES = ['customer_name_trgm_idx', 'customer_user_email_trgm_idx', 'order_identifier_trgm_idx'];

/**
 * Keeps the trigram indexes' pending lists short. A GIN index queues new entries in a pending list (4 MB by default)
 * that every search reads in full: after a bulk write that moves rows (an import, a group assigned to thousands of
 * customers, a full lifetime recalculation) a `contains` filter read ~340 queued pages per request until autovacuum
 * came, 30 ms at 10 000 customers instead of 1. At 64 kB (the least PostgreSQL allows) a search reads at most 8 such
 * pages; writers still add entries in batches, merging them into the index every ~200 rows.
 */
export class CommerceSearchPendingLists1763900002700 implements MigrationInterface {
  name = 'CommerceSearchPendingLists1763900002700';

  async up(q: QueryRunner): Promise<void> {
    for (const index of TRIGRAM_INDEXES) await q.query(`ALTER INDEX commerce.${index} SET (gin_pending_list_limit = 64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of TRIGRAM_INDEXES) await q.query(`ALTER INDEX commerce.${index} RESET (gin_pending_list_limit)`);
  }
}
