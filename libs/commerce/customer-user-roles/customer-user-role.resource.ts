import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { DeleteCustomerUserRoles, SaveCustomerUserRole } from './customer-user-role.commands';
import { permissionsAttribute } from './storefront-permissions';

/** Storefront roles of customer users: predefined (no customer, for everyone) or specific to one customer. */
export const customerUserRolesResource = defineResource({
  type: 'customeruserroles',
  table: 'commerce.customer_user_role',
  apis: ['admin'],
  title: 'label',
  description:
    'Customer user roles. A role without customer is predefined (available to every customer); a role with a customer can ' +
    'only be given to that customer\'s users. `role` is the code (ROLE_FRONTEND_…).',
  attributes: {
    role: {
      type: 'string',
      maxLength: 200,
      filter: true,
      sort: true,
      description: 'The code: generated from the label on create (ROLE_FRONTEND_ + the label in upper snake case); one given gets the prefix and a random suffix.',
    },
    label: { type: 'string', required: true, minLength: 3, maxLength: 255, filter: ['eq', 'contains', 'starts_with'], sort: true },
    selfManaged: { type: 'boolean', filter: true, description: 'Customer administrators may manage it on the storefront.' },
    public: { type: 'boolean', filter: true, description: 'Listed on the storefront.' },
    permissions: permissionsAttribute,
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    customer: { type: 'customers', cardinality: 'one', filter: true, description: 'Set: the role is specific to this customer.' },
    customerUsers: {
      type: 'customerusers',
      cardinality: 'many',
      through: { table: 'commerce.customer_user_to_role', from: 'role_id', to: 'customer_user_id' },
      filter: true,
    },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
  writes: {
    create: (input, caller) => new SaveCustomerUserRole(caller, null, input),
    update: (id, input, caller) => new SaveCustomerUserRole(caller, id, input),
    delete: (ids, caller) => new DeleteCustomerUserRoles(caller, ids),
  },
});
