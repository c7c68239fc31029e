import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { itemsAttribute, primaryItemAttribute } from '../shared/contact-items';
import { DeleteB2bCustomers, SaveB2bCustomer } from './save-b2b-customer.command';

/** Business customers: a company bought from through a "Sales" (b2b) channel, always under an account. */
export const b2bCustomersResource = defineResource({
  type: 'b2bcustomers',
  table: 'crm.b2b_customer',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: 'name',
  description: 'Business customers ("Sales" channel customers). Each belongs to an account and a b2b channel.',
  attributes: {
    name: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'contains', 'starts_with'], sort: true, trigramIndexed: true },
    lifetime: { type: 'money', readOnly: true, filter: true, sort: true, description: 'Σ close revenue of won opportunities (base currency).' },
    emails: itemsAttribute('b2b_customer', 'email'),
    phones: itemsAttribute('b2b_customer', 'phone'),
    primaryEmail: primaryItemAttribute('b2b_customer', 'email'),
    primaryPhone: primaryItemAttribute('b2b_customer', 'phone'),
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    account: { type: 'accounts', cardinality: 'one', required: true, filter: true },
    channel: { type: 'channels', cardinality: 'one', required: true, filter: true },
    contact: { type: 'contacts', cardinality: 'one', filter: true },
    owner: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
  writes: {
    create: (input, caller) => new SaveB2bCustomer(caller, null, input),
    update: (id, input, caller) => new SaveB2bCustomer(caller, id, input),
    delete: (ids, caller) => new DeleteB2bCustomers(caller, ids),
  },
});
