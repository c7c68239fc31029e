import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A log of account merges: who merged which accounts into which master, with which field sources. */
export class CrmAccountMerges1763900001400 implements MigrationInterface {
  name = 'CrmAccountMerges1763900001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crm.account_merge (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        master_id bigint REFERENCES crm.account ON DELETE SET NULL,
        field_sources jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The merged accounts are deleted by the merge: their ids are kept without a foreign key.
    await q.query(`
      CREATE TABLE crm.account_merge_account (
        merge_id bigint NOT NULL REFERENCES crm.account_merge ON DELETE CASCADE,
        account_id bigint NOT NULL,
        PRIMARY KEY (merge_id, account_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE crm.account_merge_account, crm.account_merge`);
  }
}
