import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, contacts (with e-mails and phones), contact groups and channels. Users are referenced by id only. */
export class CrmAccountsContactsChannels1763900001000 implements MigrationInterface {
  name = 'CrmAccountsContactsChannels1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crm.contact (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        assigned_to_id bigint,
        name_prefix varchar(255),
        first_name varchar(100),
        middle_name varchar(255),
        last_name varchar(100),
        name_suffix varchar(255),
        gender text CHECK (gender IN ('male', 'female')),
        birthday date,
        description text,
        job_title varchar(255),
        fax varchar(255),
        skype varchar(255),
        twitter varchar(255),
        facebook varchar(255),
        google_plus varchar(255),
        linked_in varchar(255),
        source text,
        method text,
        reports_to_id bigint REFERENCES crm.contact ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX contact_organization_idx ON crm.contact (organization_id, id)`);
    for (const kind of ['email', 'phone']) {
      await q.query(`
        CREATE TABLE crm.contact_${kind} (
          id bigserial PRIMARY KEY,
          contact_id bigint NOT NULL REFERENCES crm.contact ON DELETE CASCADE,
          ${kind} varchar(255) NOT NULL,
          is_primary boolean NOT NULL DEFAULT false
        )`);
      await q.query(`CREATE INDEX contact_${kind}_contact_idx ON crm.contact_${kind} (contact_id)`);
      await q.query(`CREATE UNIQUE INDEX contact_${kind}_one_primary_idx ON crm.contact_${kind} (contact_id) WHERE is_primary`);
    }
    await q.query(`
      CREATE TABLE crm.account (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        name varchar(255) NOT NULL,
        description text,
        external_id varchar(36),
        default_contact_id bigint REFERENCES crm.contact ON DELETE SET NULL,
        referred_by_id bigint REFERENCES crm.account ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, external_id)
      )`);
    await q.query(`CREATE INDEX account_organization_name_idx ON crm.account (organization_id, name)`);
    await q.query(`
      CREATE TABLE crm.account_contact (
        account_id bigint NOT NULL REFERENCES crm.account ON DELETE CASCADE,
        contact_id bigint NOT NULL REFERENCES crm.contact ON DELETE CASCADE,
        PRIMARY KEY (account_id, contact_id)
      )`);
    await q.query(`CREATE INDEX account_contact_contact_idx ON crm.account_contact (contact_id)`);
    await q.query(`
      CREATE TABLE crm.contact_group (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        label varchar(255) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, label)
      )`);
    await q.query(`
      CREATE TABLE crm.contact_to_group (
        contact_id bigint NOT NULL REFERENCES crm.contact ON DELETE CASCADE,
        group_id bigint NOT NULL REFERENCES crm.contact_group ON DELETE CASCADE,
        PRIMARY KEY (contact_id, group_id)
      )`);
    await q.query(`CREATE INDEX contact_to_group_group_idx ON crm.contact_to_group (group_id)`);
    await q.query(`
      CREATE TABLE crm.channel (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        name varchar(255) NOT NULL,
        channel_type text NOT NULL CHECK (channel_type IN ('b2b', 'custom', 'commerce')),
        status text NOT NULL DEFAULT 'inactive' CHECK (status IN ('active', 'inactive')),
        is_system boolean NOT NULL DEFAULT false,
        data jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One system channel of each system type per organization.
    await q.query(`CREATE UNIQUE INDEX channel_system_type_idx ON crm.channel (organization_id, channel_type) WHERE is_system`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE crm.channel, crm.contact_to_group, crm.contact_group, crm.account_contact, crm.account,
      crm.contact_phone, crm.contact_email, crm.contact`);
  }
}
