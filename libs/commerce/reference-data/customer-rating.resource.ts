import { defineResource } from '../../platform';

/** The fixed internal ratings of customers (`1_of_5` … `5_of_5`), shared by every organization; read-only. */
export const customerRatingsResource = defineResource({
  type: 'customerratings',
  table: 'commerce.customer_rating',
  apis: ['admin'],
  idType: 'text',
  organizationColumn: null,
  operations: ['list', 'get'],
  title: 'name',
  description: 'Internal ratings of customers: 1_of_5 … 5_of_5 (read-only).',
  attributes: {
    name: { type: 'string', filter: true, sort: true },
    priority: { type: 'integer', filter: true, sort: true },
    // Oro's enum options carry `default` (whether new customers take it); none of the ratings is a default.
    default: { type: 'boolean', column: 'is_default', filter: true },
  },
});
