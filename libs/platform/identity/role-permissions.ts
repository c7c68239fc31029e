import { z } from 'zod';
import type { AccessLevel, Permission } from '../json-api/caller';

/**
 * A role's grant: a permission (or `*`) on a resource type, on every type of a module (`module:crm`), or on
 * everything (`*`), at an access level.
 */
export interface PermissionGrant {
  resource: string;
  permission: Permission | '*';
  level: AccessLevel;
}

export const PERMISSIONS: readonly Permission[] = ['VIEW', 'CREATE', 'EDIT', 'DELETE', 'ASSIGN'];
const LEVEL_ORDER: AccessLevel[] = ['none', 'own', 'organization'];

export const permissionGrantsSchema = z
  .array(
    z
      .object({
        resource: z.string().regex(/^(\*|module:[a-z]+|[a-z]+)$/, 'a resource type, "module:<name>" or "*"'),
        permission: z.enum(['VIEW', 'CREATE', 'EDIT', 'DELETE', 'ASSIGN', '*']),
        level: z.enum(['none', 'own', 'organization']),
      })
      .strict(),
  )
  .max(500);

const records = (module: string, level: AccessLevel, permissions: Array<Permission | '*'>) =>
  permissions.map((permission) => ({ resource: `module:${module}`, permission, level }));
const viewDirectory: PermissionGrant[] = ['users', 'businessunits', 'organizations', 'settings'].map((resource) => ({
  resource,
  permission: 'VIEW',
  level: 'organization',
}));

/** Sales reps see the whole customer tree (to choose a parent) and the reference data they give their own customers. */
const viewCustomerTree: PermissionGrant[] = ['customers', 'customergroups', 'customerratings', 'paymentterms', 'customertaxcodes'].map((resource) => ({
  resource,
  permission: 'VIEW',
  level: 'organization',
}));

/** The roles every organization starts with. */
export const PREDEFINED_ROLES: Array<{ code: string; label: string; permissions: PermissionGrant[] }> = [
  { code: 'ADMINISTRATOR', label: 'Administrator', permissions: [{ resource: '*', permission: '*', level: 'organization' }] },
  {
    code: 'SALES_MANAGER',
    label: 'Sales Manager',
    permissions: [...records('crm', 'organization', ['*']), ...records('commerce', 'organization', ['*']), ...records('integration', 'organization', ['*']), ...viewDirectory],
  },
  {
    code: 'SALES_REP',
    label: 'Sales Rep',
    permissions: [
      ...records('crm', 'own', ['VIEW', 'CREATE', 'EDIT', 'DELETE']),
      ...records('commerce', 'own', ['VIEW', 'CREATE', 'EDIT', 'DELETE']),
      ...viewCustomerTree,
      ...records('integration', 'own', ['VIEW', 'CREATE', 'EDIT', 'DELETE']),
      ...viewDirectory,
    ],
  },
];

/** The highest level any of the grants gives for a permission on a resource type of a module. */
export function accessLevel(grants: PermissionGrant[], type: string, module: string | undefined, permission: Permission): AccessLevel {
  let best = 0;
  for (const grant of grants) {
    const resourceMatches = grant.resource === '*' || grant.resource === type || (module !== undefined && grant.resource === `module:${module}`);
    if (resourceMatches && (grant.permission === '*' || grant.permission === permission)) {
      best = Math.max(best, LEVEL_ORDER.indexOf(grant.level));
    }
  }
  return LEVEL_ORDER[best];
}
