import { z } from 'zod';
import { AttributeDefinition, BusinessRuleViolation } from '../../platform';
import {
  STOREFRONT_ENTITY_LEVELS,
  STOREFRONT_PERMISSIONS,
  StorefrontEntity,
  StorefrontGrant,
} from '../../../migrations/commerce/1763900002200-commerce-predefined-customer-user-roles';
import type { CommerceStore } from '../shared/commerce-store';

const ENTITIES = Object.keys(STOREFRONT_ENTITY_LEVELS) as [StorefrontEntity, ...StorefrontEntity[]];

const grantsSchema = z
  .array(
    z
      .object({
        entity: z.enum(ENTITIES),
        permission: z.enum(STOREFRONT_PERMISSIONS),
        accessLevel: z.enum(['none', 'user', 'department', 'corporate', 'full']),
      })
      .strict(),
  )
  .max(ENTITIES.length * STOREFRONT_PERMISSIONS.length);

/** Why a list of grants is not acceptable, or null: known entity and permission, a level the entity offers, each pair once. */
function grantsProblem(value: unknown): string | null {
  const parsed = grantsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `Expected a list of {"entity", "permission", "accessLevel"}: ${issue.path.join('.')} ${issue.message}`;
  }
  const seen = new Set<string>();
  for (const grant of parsed.data) {
    const levels: readonly string[] = STOREFRONT_ENTITY_LEVELS[grant.entity];
    if (!levels.includes(grant.accessLevel)) {
      return `The access level "${grant.accessLevel}" is not available for ${grant.entity}; choose one of ${levels.join(', ')}.`;
    }
    const key = `${grant.entity}:${grant.permission}`;
    if (seen.has(key)) return `The permission ${grant.permission} on ${grant.entity} is given twice.`;
    seen.add(key);
  }
  return null;
}

/** A role's storefront permissions as `[{entity, permission, accessLevel}]`, read from its permission rows. */
export const permissionsAttribute: AttributeDefinition = {
  type: 'json',
  expression: `SELECT coalesce(jsonb_agg(jsonb_build_object('entity', p.entity, 'permission', p.permission, 'accessLevel', p.access_level)
      ORDER BY p.entity, array_position(ARRAY[${STOREFRONT_PERMISSIONS.map((p) => `'${p}'`).join(', ')}], p.permission)), '[]'::jsonb)
    FROM commerce.customer_user_role_permission p WHERE p.role_id = r.id`,
  validate: grantsProblem,
  description:
    `Storefront permissions: a list of {entity, permission, accessLevel}; entity one of ${ENTITIES.join(', ')}; permission ` +
    `${STOREFRONT_PERMISSIONS.join(', ')}; accessLevel none, user (own records), department (the user's customer), corporate ` +
    '(the customer and its subsidiaries) or full, as the entity offers. A permission left out is none. Written as a whole set.',
};

/** Replaces a role's permissions with the set sent (when it was sent). */
export async function replacePermissions(store: CommerceStore, roleId: string, raw: unknown): Promise<void> {
  if (raw === undefined) return;
  const grants = (typeof raw === 'string' ? JSON.parse(raw) : (raw ?? [])) as StorefrontGrant[];
  const problem = grantsProblem(grants);
  if (problem) throw new BusinessRuleViolation(problem, { attribute: 'permissions' });
  await store.query(`DELETE FROM commerce.customer_user_role_permission WHERE role_id = $1`, [roleId]);
  if (grants.length === 0) return;
  await store.query(
    `INSERT INTO commerce.customer_user_role_permission (role_id, entity, permission, access_level)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
    [roleId, grants.map((g) => g.entity), grants.map((g) => g.permission), grants.map((g) => g.accessLevel)],
  );
}
