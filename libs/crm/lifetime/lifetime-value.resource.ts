import { defineResource } from '../../platform';

/** An account's current lifetime value in one channel (`channel` null: opportunities won on the account itself). */
export const lifetimeValuesResource = defineResource({
  type: 'lifetimevalues',
  table: 'crm.account_lifetime_value',
  apis: ['admin'],
  operations: ['list', 'get', 'getRelationship'],
  description: 'Current lifetime sales value of an account per channel, in the base currency (read-only).',
  attributes: {
    amount: { type: 'money', readOnly: true, filter: true, sort: true },
    updatedAt: { type: 'datetime', readOnly: true, filter: true, sort: true },
  },
  relationships: {
    account: { type: 'accounts', cardinality: 'one', readOnly: true, filter: true },
    channel: { type: 'channels', cardinality: 'one', readOnly: true, filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
});
