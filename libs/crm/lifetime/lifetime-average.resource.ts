import { defineResource } from '../../platform';

/** Monthly average lifetime value per channel (Oro's "Average lifetime sales" chart data), read-only. */
export const lifetimeAveragesResource = defineResource({
  type: 'lifetimeaverages',
  table: 'crm.lifetime_average',
  apis: ['admin'],
  operations: ['list', 'get', 'getRelationship'],
  description:
    'Average lifetime sales value of the accounts per channel and month, in the base currency (channel null: opportunities won on ' +
    'accounts themselves). Rebuilt every night at 04:00 UTC and by `cli crm:lifetime-average:aggregate`.',
  attributes: {
    aggregationDate: { type: 'date', readOnly: true, filter: true, sort: true, description: 'First day of the month.' },
    month: { type: 'integer', readOnly: true, filter: true },
    quarter: { type: 'integer', readOnly: true, filter: true },
    year: { type: 'integer', readOnly: true, filter: true, sort: true },
    amount: { type: 'money', readOnly: true, sort: true },
  },
  relationships: {
    channel: { type: 'channels', cardinality: 'one', readOnly: true, filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
});
