import { TIMESTAMP_ATTRIBUTES, defineResource, hashPassword } from '../../platform';
import { CreateCustomerUsers, DeleteCustomerUsers, SaveCustomerUser } from './customer-user.commands';
import { strictEmailProblem } from './customer-user-email';

const NAME_PART = { type: 'string', maxLength: 255 } as const;
const ROLE_LINKS = { table: 'commerce.customer_user_to_role', from: 'customer_user_id', to: 'role_id' };

/** Storefront users of a customer (the people who log in to the web shop), managed from the back office. */
export const customerUsersResource = defineResource({
  type: 'customerusers',
  table: 'commerce.customer_user',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: "coalesce(nullif(trim(concat_ws(' ', r.first_name, r.last_name)), ''), r.email)",
  description:
    'Customer users: the people of a customer who sign in to the storefront. The e-mail is the login, unique in the ' +
    'organization among non-guest users (case-insensitively). An enabled user needs at least one role.',
  attributes: {
    email: { type: 'string', required: true, minLength: 6, maxLength: 255, validate: strictEmailProblem, filter: ['eq', 'contains', 'starts_with'], sort: true, trigramIndexed: true },
    namePrefix: NAME_PART,
    firstName: { ...NAME_PART, required: true, filter: ['eq', 'contains', 'starts_with'], sort: true },
    middleName: NAME_PART,
    lastName: { ...NAME_PART, required: true, filter: ['eq', 'contains', 'starts_with'], sort: true },
    nameSuffix: NAME_PART,
    birthday: { type: 'date', filter: true, sort: true },
    enabled: { type: 'boolean', filter: true, description: 'Default true. Disabled users cannot sign in.' },
    confirmed: { type: 'boolean', filter: true, description: 'Default true. Unconfirmed users cannot sign in.' },
    isGuest: { type: 'boolean', filter: true, description: 'Default false. Guests are never checked for a unique e-mail.' },
    authStatus: { type: 'enum', values: ['active', 'reset'], filter: true, description: '`reset` blocks sign-in until the password is reset.' },
    password: {
      type: 'string',
      writeOnly: true,
      minLength: 8,
      maxLength: 200,
      column: 'password_hash',
      store: (v) => hashPassword(String(v)),
      description: 'Write-only; stored as an argon2id hash. A random one is set when a user is created without it.',
    },
    lastLogin: { type: 'datetime', readOnly: true, filter: true, sort: true },
    loginCount: { type: 'integer', readOnly: true },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    customer: { type: 'customers', cardinality: 'one', required: true, filter: true },
    userRoles: {
      type: 'customeruserroles',
      cardinality: 'many',
      through: ROLE_LINKS,
      filter: true,
      description: 'Its roles (Oro ≥ 5.0 name). Left out on create: the Buyer role (the registration default).',
    },
    roles: { type: 'customeruserroles', cardinality: 'many', through: ROLE_LINKS, filter: true, description: 'Deprecated alias of userRoles (Oro < 5.0).' },
    owner: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
    salesRepresentatives: {
      type: 'users',
      cardinality: 'many',
      through: { table: 'commerce.customer_user_sales_representative', from: 'customer_user_id', to: 'user_id' },
      filter: true,
    },
    addresses: { type: 'customeruseraddresses', cardinality: 'many', inverseColumn: 'customer_user_id', readOnly: true },
    acceptedConsents: {
      type: 'consents',
      cardinality: 'many',
      through: { table: 'commerce.consent_acceptance', from: 'customer_user_id', to: 'consent_id' },
      readOnly: true,
      description: 'The consents the user has accepted (and not declined since).',
    },
  },
  writes: {
    create: (input, caller) => new SaveCustomerUser(caller, null, input),
    createMany: (inputs, caller) => new CreateCustomerUsers(caller, inputs),
    update: (id, input, caller) => new SaveCustomerUser(caller, id, input),
    delete: (ids, caller) => new DeleteCustomerUsers(caller, ids),
  },
});
