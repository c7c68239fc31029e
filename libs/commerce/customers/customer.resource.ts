import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { CreateCustomer, CreateCustomers, DeleteCustomers, UpdateCustomer } from './customer.commands';

/** Commerce customers: the companies buying in the web shop, in a hierarchy (api.md A.4 `customers`). */
export const customersResource = defineResource({
  type: 'customers',
  table: 'commerce.customer',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: 'name',
  description: 'Commerce customers: the companies that buy in the web shop, in a hierarchy of parents and children.',
  attributes: {
    name: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'neq', 'contains', 'starts_with', 'exists'], sort: true, trigramIndexed: true, equalityIndexed: true },
    externalId: { type: 'string', maxLength: 36, filter: ['eq', 'exists'], filterLists: true, description: 'An identifier in another system, unique in the organization.' },
    lifetimeSalesValue: {
      type: 'money',
      readOnly: true,
      filter: true,
      description: 'Σ base subtotals of the orders paid in full and not cancelled, in the base currency (kept by a background job).',
    },
    lifetimePaidOrderCount: {
      type: 'integer',
      readOnly: true,
      filter: true,
      description: 'Number of orders paid in full and not cancelled: the orders the lifetime sales value sums (kept by the same job).',
    },
    subtreeLifetimeSalesValue: {
      type: 'money',
      readOnly: true,
      filter: true,
      description: "Σ lifetime sales values of the customer and all its descendants, in the base currency (kept by the same job).",
    },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    parent: { type: 'customers', cardinality: 'one', filter: true },
    children: { type: 'customers', cardinality: 'many', inverseColumn: 'parent_id', description: 'Setting them moves the given customers under this one.' },
    owner: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
    salesRepresentatives: { type: 'users', cardinality: 'many', through: { table: 'commerce.customer_sales_representative', from: 'customer_id', to: 'user_id' } },
    internal_rating: { type: 'customerratings', cardinality: 'one' },
    group: { type: 'customergroups', cardinality: 'one', filter: true },
    paymentTerm: { type: 'paymentterms', cardinality: 'one' },
    taxCode: { type: 'customertaxcodes', cardinality: 'one' },
    users: { type: 'customerusers', cardinality: 'many', inverseColumn: 'customer_id', description: 'Its customer users; users added move here from their customer (a user cannot be left without one).' },
    addresses: { type: 'customeraddresses', cardinality: 'many', inverseColumn: 'customer_id', readOnly: true },
  },
  writes: {
    create: (input, caller) => new CreateCustomer(caller, input),
    createMany: (inputs, caller) => new CreateCustomers(caller, inputs),
    update: (id, input, caller) => new UpdateCustomer(caller, id, input),
    delete: (ids, caller) => new DeleteCustomers(caller.organizationId, ids),
  },
});
