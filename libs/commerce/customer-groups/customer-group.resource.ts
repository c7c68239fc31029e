import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { DeleteCustomerGroups } from './delete-customer-groups.command';

/** Customer groups: customers sharing a payment term, tax code and storefront settings (domain §1.10). */
export const customerGroupsResource = defineResource({
  type: 'customergroups',
  table: 'commerce.customer_group',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: 'name',
  description: 'Customer groups. "Non-Authenticated Visitors" (the group of guests) exists in every organization and cannot be deleted.',
  attributes: {
    name: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'neq', 'contains', 'starts_with'], sort: true },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    owner: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
    paymentTerm: { type: 'paymentterms', cardinality: 'one', filter: true },
    taxCode: { type: 'customertaxcodes', cardinality: 'one', filter: true },
    customers: {
      type: 'customers',
      cardinality: 'many',
      inverseColumn: 'group_id',
      filter: true,
      description: 'Adding customers moves them into this group; removing them leaves them without a group.',
    },
  },
  writes: {
    delete: (ids, caller) => new DeleteCustomerGroups(caller.organizationId, ids),
  },
});
