import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';

/** Tax codes of customers and customer groups; a code is unique in the organization. */
export const customerTaxCodesResource = defineResource({
  type: 'customertaxcodes',
  table: 'commerce.customer_tax_code',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: 'code',
  description: 'Customer tax codes, used by tax rules for customers and customer groups.',
  attributes: {
    code: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'neq', 'contains', 'starts_with'], sort: true },
    description: { type: 'text' },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    owner: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
});
