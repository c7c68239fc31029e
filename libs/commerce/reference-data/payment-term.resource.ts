import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';

/** Payment terms ("Net 30") given to customers and customer groups; a label is unique in the organization. */
export const paymentTermsResource = defineResource({
  type: 'paymentterms',
  table: 'commerce.payment_term',
  apis: ['admin'],
  title: 'label',
  description: 'Payment terms of customers and customer groups (a customer without one falls back to its group\'s).',
  attributes: {
    label: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'neq', 'contains', 'starts_with'], sort: true },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
});
