import { defineResource } from '../json-api/resource-definition';
import { TIMESTAMP_ATTRIBUTES } from '../json-api/timestamp-attributes';
import { hashPassword } from './password-hasher';
import { permissionGrantsSchema } from './role-permissions';

const timestamps = TIMESTAMP_ATTRIBUTES;

/** Organizations are the tenants: a caller sees exactly its own. */
export const organizationsResource = defineResource({
  type: 'organizations',
  table: 'platform.organization',
  apis: ['admin'],
  organizationColumn: 'id',
  operations: ['list', 'get', 'update'],
  title: 'name',
  description: 'Organizations (tenants). Every record belongs to one; a caller sees only its own.',
  attributes: {
    name: { type: 'string', required: true, filter: ['eq', 'contains'], sort: true },
    enabled: { type: 'boolean', readOnly: true, filter: true },
    ...timestamps,
  },
});

export const businessUnitsResource = defineResource({
  type: 'businessunits',
  table: 'platform.business_unit',
  apis: ['admin'],
  title: 'name',
  description: 'Business units of an organization.',
  attributes: {
    name: { type: 'string', required: true, filter: ['eq', 'contains'], sort: true },
    ...timestamps,
  },
  relationships: {
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
});

/** Back-office employees. The password is write-only and stored as an argon2id hash; the hash is never read back. */
export const usersResource = defineResource({
  type: 'users',
  table: 'platform.user_account',
  apis: ['admin'],
  ownerColumn: 'id',
  title: "coalesce(nullif(trim(concat_ws(' ', r.first_name, r.last_name)), ''), r.email)",
  description: 'Back-office users (employees).',
  attributes: {
    email: {
      type: 'string',
      required: true,
      filter: ['eq', 'contains', 'starts_with'],
      sort: true,
      email: true,
    },
    firstName: { type: 'string', filter: ['eq', 'contains', 'starts_with'], sort: true },
    lastName: { type: 'string', filter: ['eq', 'contains', 'starts_with'], sort: true },
    enabled: { type: 'boolean', filter: true },
    password: { type: 'string', writeOnly: true, minLength: 8, maxLength: 200, column: 'password_hash', store: (v) => hashPassword(String(v)) },
    lastLoginAt: { type: 'datetime', readOnly: true, filter: true, sort: true },
    ...timestamps,
  },
  relationships: {
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
    businessUnit: { type: 'businessunits', cardinality: 'one', filter: true },
    roles: { type: 'roles', cardinality: 'many', through: { table: 'platform.user_role', from: 'user_id', to: 'role_id' }, filter: true },
  },
});

/** Roles grant permissions per resource type (or per module, or on everything) at an access level. */
export const rolesResource = defineResource({
  type: 'roles',
  table: 'platform.role',
  apis: ['admin'],
  title: 'label',
  description:
    'Roles. `permissions` is a list of grants `{resource, permission, level}`: resource is a type, "module:<name>" or "*"; ' +
    'permission VIEW, CREATE, EDIT, DELETE, ASSIGN or "*"; level none, own or organization.',
  attributes: {
    code: { type: 'string', required: true, maxLength: 50, filter: true, sort: true, validate: (v) => (/^[A-Z][A-Z0-9_]*$/.test(String(v)) ? null : 'Use capital letters, digits and "_".') },
    label: { type: 'string', required: true, filter: ['eq', 'contains'], sort: true },
    predefined: { type: 'boolean', readOnly: true, filter: true },
    permissions: {
      type: 'json',
      validate: (v) => {
        const parsed = permissionGrantsSchema.safeParse(v);
        return parsed.success ? null : `Invalid permissions: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`;
      },
    },
    ...timestamps,
  },
  relationships: {
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
});

export const platformResources = [organizationsResource, businessUnitsResource, usersResource, rolesResource];
