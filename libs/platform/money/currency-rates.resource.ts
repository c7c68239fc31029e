import { defineResource } from '../json-api/resource-definition';
import { TIMESTAMP_ATTRIBUTES } from '../json-api/timestamp-attributes';

/** How much one unit of a currency is worth in the base currency (`BASE_CURRENCY`), per organization. */
export const currencyRatesResource = defineResource({
  type: 'currencyrates',
  table: 'platform.currency_rate',
  apis: ['admin'],
  title: 'currency',
  description: 'Exchange rates into the base currency: 1 unit of `currency` = `rate` units of the base currency.',
  attributes: {
    currency: {
      type: 'string',
      required: true,
      filter: true,
      sort: true,
      validate: (v) => (/^[A-Z]{3}$/.test(String(v)) ? null : 'Expected a 3-letter ISO 4217 code, e.g. "EUR".'),
    },
    rate: { type: 'decimal', required: true, validate: (v) => (Number(v) > 0 ? null : { constraint: 'greater than constraint', detail: 'This value should be greater than 0.' }) },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
});
