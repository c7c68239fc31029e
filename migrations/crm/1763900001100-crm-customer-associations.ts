import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer associations (what an opportunity or lead belongs to: the account itself, a business customer, or a customer
 * identity registered by another module) and business customers.
 */
export class CrmCustomerAssociations1763900001100 implements MigrationInterface {
  name = 'CrmCustomerAssociations1763900001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crm.customer_association (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        account_id bigint NOT NULL REFERENCES crm.account ON DELETE CASCADE,
        target_type text,
        target_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((target_type IS NULL) = (target_id IS NULL))
      )`);
    // One association per external or business customer, and one account-level association per account.
    await q.query(`CREATE UNIQUE INDEX customer_association_target_idx ON crm.customer_association (organization_id, target_type, target_id) WHERE target_type IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX customer_association_account_level_idx ON crm.customer_association (account_id) WHERE target_type IS NULL`);
    await q.query(`CREATE INDEX customer_association_account_idx ON crm.customer_association (account_id)`);
    await q.query(`
      CREATE TABLE crm.b2b_customer (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        name varchar(255) NOT NULL,
        lifetime numeric(19, 4) NOT NULL DEFAULT 0,
        account_id bigint NOT NULL REFERENCES crm.account ON DELETE CASCADE,
        contact_id bigint REFERENCES crm.contact ON DELETE SET NULL,
        channel_id bigint NOT NULL REFERENCES crm.channel,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX b2b_customer_account_idx ON crm.b2b_customer (account_id)`);
    for (const kind of ['email', 'phone']) {
      await q.query(`
        CREATE TABLE crm.b2b_customer_${kind} (
          id bigserial PRIMARY KEY,
          b2b_customer_id bigint NOT NULL REFERENCES crm.b2b_customer ON DELETE CASCADE,
          ${kind} varchar(255) NOT NULL,
          is_primary boolean NOT NULL DEFAULT false
        )`);
      await q.query(`CREATE INDEX b2b_customer_${kind}_owner_idx ON crm.b2b_customer_${kind} (b2b_customer_id)`);
      await q.query(`CREATE UNIQUE INDEX b2b_customer_${kind}_one_primary_idx ON crm.b2b_customer_${kind} (b2b_customer_id) WHERE is_primary`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE crm.b2b_customer_phone, crm.b2b_customer_email, crm.b2b_customer, crm.customer_association`);
  }
}
