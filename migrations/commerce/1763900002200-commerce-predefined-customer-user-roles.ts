import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The storefront entities a customer user role grants permissions on, with the access levels each offers (domain §5.1):
 * records owned by a customer user offer "user"; records owned by a customer only offer department and corporate.
 * Kept here, beside the migration that seeds them, because a migration may not import module code; the module imports
 * them from here.
 */
export const STOREFRONT_ENTITY_LEVELS = {
  customers: ['none', 'department', 'corporate'],
  customeraddresses: ['none', 'department', 'corporate'],
  customerusers: ['none', 'department', 'corporate'],
  customeruseraddresses: ['none', 'user', 'department', 'corporate'],
  customeruserroles: ['none', 'department', 'corporate'],
  orders: ['none', 'user', 'department', 'corporate'],
} as const;

export type StorefrontEntity = keyof typeof STOREFRONT_ENTITY_LEVELS;
export const STOREFRONT_PERMISSIONS = ['VIEW', 'CREATE', 'EDIT', 'DELETE', 'ASSIGN'] as const;
export type StorefrontPermission = (typeof STOREFRONT_PERMISSIONS)[number];
export type StorefrontAccessLevel = 'none' | 'user' | 'department' | 'corporate' | 'full';

export interface StorefrontGrant {
  entity: StorefrontEntity;
  permission: StorefrontPermission;
  accessLevel: StorefrontAccessLevel;
}

export const BUYER_ROLE = 'ROLE_FRONTEND_BUYER';
export const ANONYMOUS_ROLE = 'ROLE_FRONTEND_ANONYMOUS';
export const ADMINISTRATOR_ROLE = 'ROLE_FRONTEND_ADMINISTRATOR';

const grants = (entity: StorefrontEntity, accessLevel: StorefrontAccessLevel, permissions: readonly StorefrontPermission[] = STOREFRONT_PERMISSIONS) =>
  permissions.map((permission): StorefrontGrant => ({ entity, permission, accessLevel }));

/** Oro's installed roles (domain §1.12). A permission not listed is "none". */
export const PREDEFINED_CUSTOMER_USER_ROLES: Array<{ role: string; label: string; selfManaged: boolean; public: boolean; permissions: StorefrontGrant[] }> = [
  {
    role: ADMINISTRATOR_ROLE,
    label: 'Administrator',
    selfManaged: true,
    public: true,
    permissions: (Object.keys(STOREFRONT_ENTITY_LEVELS) as StorefrontEntity[]).flatMap((entity) => grants(entity, 'corporate')),
  },
  {
    role: BUYER_ROLE,
    label: 'Buyer',
    selfManaged: true,
    public: true,
    permissions: [
      ...grants('customers', 'department', ['VIEW']),
      ...grants('customeraddresses', 'department', ['VIEW']),
      ...grants('customerusers', 'department', ['VIEW']),
      ...grants('customeruseraddresses', 'user', ['VIEW']),
      ...grants('orders', 'user', ['VIEW', 'CREATE', 'EDIT']),
    ],
  },
  { role: ANONYMOUS_ROLE, label: 'Non-Authenticated Visitors', selfManaged: false, public: false, permissions: [] },
];

/**
 * Gives one organization (or, with null, every organization) the predefined roles it lacks, with their permissions.
 * Idempotent: an organization that already has a role keeps it as it is (permissions edited since included), and a
 * role whose label is already taken there is left out rather than failing.
 */
export async function insertPredefinedCustomerUserRoles(
  query: (sql: string, parameters?: unknown[]) => Promise<any>,
  organizationId: string | null,
): Promise<void> {
  const roles = JSON.stringify(PREDEFINED_CUSTOMER_USER_ROLES.map(({ permissions, ...role }) => role));
  const created: Array<{ id: string }> = await query(
    `INSERT INTO commerce.customer_user_role (organization_id, role, label, self_managed, public)
     SELECT o.id, r.role, r.label, r."selfManaged", r.public
     FROM platform.organization o
     CROSS JOIN jsonb_to_recordset($1::jsonb) AS r(role text, label text, "selfManaged" boolean, public boolean)
     WHERE $2::bigint IS NULL OR o.id = $2::bigint
     ON CONFLICT DO NOTHING
     RETURNING id::text AS id`,
    [roles, organizationId],
  );
  if (created.length === 0) return;
  const permissions = JSON.stringify(PREDEFINED_CUSTOMER_USER_ROLES.flatMap(({ role, permissions }) => permissions.map((p) => ({ role, ...p }))));
  await query(
    `INSERT INTO commerce.customer_user_role_permission (role_id, entity, permission, access_level)
     SELECT cr.id, p.entity, p.permission, p."accessLevel"
     FROM commerce.customer_user_role cr
     JOIN jsonb_to_recordset($1::jsonb) AS p(role text, entity text, permission text, "accessLevel" text) ON p.role = cr.role
     WHERE cr.id = ANY($2::bigint[])`,
    [permissions, created.map((r) => r.id)],
  );
}

/** The predefined customer user roles (Administrator, Buyer, Non-Authenticated Visitors) of the existing organizations. */
export class CommercePredefinedCustomerUserRoles1763900002200 implements MigrationInterface {
  name = 'CommercePredefinedCustomerUserRoles1763900002200';

  async up(q: QueryRunner): Promise<void> {
    await insertPredefinedCustomerUserRoles((sql, parameters) => q.query(sql, parameters), null);
  }

  async down(q: QueryRunner): Promise<void> {
    const roles = PREDEFINED_CUSTOMER_USER_ROLES.map((r) => r.role);
    await q.query(
      `DELETE FROM commerce.customer_user_to_role WHERE role_id IN (SELECT id FROM commerce.customer_user_role WHERE role = ANY($1::text[]))`,
      [roles],
    );
    await q.query(`DELETE FROM commerce.customer_user_role WHERE role = ANY($1::text[])`, [roles]);
  }
}
