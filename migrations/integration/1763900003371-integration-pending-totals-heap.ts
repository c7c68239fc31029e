import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The waiting list of account totals takes an account once per request, without a unique key: a strategy switch puts
 * two accounts per moved customer on it in its own statement, and keeping them unique cost that statement more than
 * moving the links (a key lookup and a speculative insert per row). The job recording them takes each account once.
 */
export class IntegrationPendingTotalsHeap1763900003371 implements MigrationInterface {
  name = 'IntegrationPendingTotalsHeap1763900003371';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integration.pending_account_total DROP CONSTRAINT pending_account_total_pkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM integration.pending_account_total p USING integration.pending_account_total q
                   WHERE p.organization_id = q.organization_id AND p.account_id = q.account_id AND p.ctid > q.ctid`);
    await q.query(`ALTER TABLE integration.pending_account_total ADD PRIMARY KEY (organization_id, account_id)`);
  }
}
