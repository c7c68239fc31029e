import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable';
import { insertOutboxRows } from '../messaging/outbox-rows';
import { OrganizationCreated } from './organization-created.event';
import { hashPassword } from './password-hasher';
import { PREDEFINED_ROLES } from './role-permissions';

/** Creates an organization with the predefined roles and announces it (OrganizationCreated); returns its id. */
export async function createOrganization(db: Queryable, name: string): Promise<string> {
  const [{ id }] = await db.query(`INSERT INTO platform.organization (name) VALUES ($1) RETURNING id::text AS id`, [name]);
  await db.query(
    `INSERT INTO platform.role (organization_id, code, label, predefined, permissions)
     SELECT $1, code, label, true, permissions FROM jsonb_to_recordset($2::jsonb) AS r(code text, label text, permissions jsonb)`,
    [id, JSON.stringify(PREDEFINED_ROLES)],
  );
  const event = new OrganizationCreated(id, name);
  await insertOutboxRows(db, [{ kind: 'event', topic: OrganizationCreated.topic, payload: { ...event }, jobKey: null }]);
  return id;
}

export interface NewUser {
  email: string;
  password: string;
  organizationId: string;
  roleCodes: string[];
  firstName?: string;
  lastName?: string;
}

/** Creates a back-office user with the given roles of its organization; returns its id. */
export async function createUser(db: Queryable, user: NewUser): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO platform.user_account (organization_id, email, first_name, last_name, password_hash)
     VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id`,
    [user.organizationId, user.email, user.firstName ?? null, user.lastName ?? null, await hashPassword(user.password)],
  );
  const [, assigned] = await db.query(
    `UPDATE platform.role SET updated_at = updated_at WHERE organization_id = $1 AND code = ANY($2::text[])`,
    [user.organizationId, user.roleCodes],
  );
  if (assigned !== user.roleCodes.length) throw new Error(`Unknown role among ${user.roleCodes.join(', ')}`);
  await db.query(
    `INSERT INTO platform.user_role (user_id, role_id) SELECT $1, id FROM platform.role WHERE organization_id = $2 AND code = ANY($3::text[])`,
    [id, user.organizationId, user.roleCodes],
  );
  return id;
}

/** A confidential OAuth client; the secret is returned once and only its hash is kept. */
export async function createOAuthClient(
  db: Queryable,
  client: { name: string; kind: 'backoffice' | 'storefront'; organizationId: string; userId: string | null },
): Promise<{ clientId: string; clientSecret: string }> {
  const clientId = `${client.kind}-${randomBytes(8).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO platform.oauth_client (client_id, secret_hash, name, kind, grants, organization_id, user_id)
     VALUES ($1, $2, $3, $4, '{client_credentials}', $5, $6)`,
    [clientId, await hashPassword(clientSecret), client.name, client.kind, client.organizationId, client.userId],
  );
  return { clientId, clientSecret };
}

export interface FirstAdministrator {
  email: string;
  /** Set when the password was generated (to be shown once). */
  generatedPassword?: string;
}

/**
 * On a fresh installation (no user yet): an organization with the predefined roles and an administrator, from
 * ADMIN_EMAIL / ADMIN_PASSWORD, or with a generated password to be printed once. Does nothing later.
 */
export async function ensureFirstAdministrator(
  dataSource: DataSource,
  settings: { email: string; password?: string; organization: string },
): Promise<FirstAdministrator | null> {
  return dataSource.transaction(async (tx) => {
    // Replicas starting together take turns.
    await tx.query(`SELECT pg_advisory_xact_lock(7310442003)`);
    const [{ any }] = await tx.query(`SELECT EXISTS (SELECT 1 FROM platform.user_account) AS any`);
    if (any) return null;
    const [existing] = await tx.query(`SELECT id::text AS id FROM platform.organization WHERE name = $1`, [settings.organization]);
    const organizationId = existing?.id ?? (await createOrganization(tx, settings.organization));
    const password = settings.password ?? randomBytes(12).toString('base64url');
    await createUser(tx, { email: settings.email, password, organizationId, roleCodes: ['ADMINISTRATOR'], firstName: 'Administrator' });
    return { email: settings.email, ...(settings.password ? {} : { generatedPassword: password }) };
  });
}
