import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations (the tenants), back-office users, roles, OAuth clients and tokens. */
export class PlatformIdentity1763900000050 implements MigrationInterface {
  name = 'PlatformIdentity1763900000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform.organization (
        id bigserial PRIMARY KEY,
        name text NOT NULL UNIQUE,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE platform.business_unit (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL REFERENCES platform.organization,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, name)
      )`);
    await q.query(`
      CREATE TABLE platform.user_account (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL REFERENCES platform.organization,
        business_unit_id bigint REFERENCES platform.business_unit,
        email text NOT NULL,
        first_name text,
        last_name text,
        enabled boolean NOT NULL DEFAULT true,
        password_hash text,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Users sign in with their e-mail, whatever its case.
    await q.query(`CREATE UNIQUE INDEX user_account_email_idx ON platform.user_account (lower(email))`);
    await q.query(`
      CREATE TABLE platform.role (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL REFERENCES platform.organization,
        code text NOT NULL,
        label text NOT NULL,
        predefined boolean NOT NULL DEFAULT false,
        permissions jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, code)
      )`);
    await q.query(`
      CREATE TABLE platform.user_role (
        user_id bigint NOT NULL REFERENCES platform.user_account ON DELETE CASCADE,
        role_id bigint NOT NULL REFERENCES platform.role,
        PRIMARY KEY (user_id, role_id)
      )`);
    await q.query(`
      CREATE TABLE platform.oauth_client (
        id bigserial PRIMARY KEY,
        client_id text NOT NULL UNIQUE,
        secret_hash text,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('backoffice', 'storefront')),
        grants text[] NOT NULL,
        organization_id bigint REFERENCES platform.organization,
        user_id bigint REFERENCES platform.user_account ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The two public clients for the password grant.
    await q.query(`
      INSERT INTO platform.oauth_client (client_id, name, kind, grants)
      VALUES ('backoffice', 'Back office', 'backoffice', '{password,refresh_token}'),
             ('storefront', 'Storefront', 'storefront', '{password,refresh_token}')`);
    await q.query(`
      CREATE TABLE platform.refresh_token (
        id bigserial PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        client_id text NOT NULL,
        kind text NOT NULL,
        user_id bigint NOT NULL REFERENCES platform.user_account ON DELETE CASCADE,
        organization_id bigint NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TABLE platform.signing_key (id int PRIMARY KEY CHECK (id = 1), secret text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.signing_key, platform.refresh_token, platform.oauth_client, platform.user_role,
      platform.role, platform.user_account, platform.business_unit, platform.organization`);
  }
}
