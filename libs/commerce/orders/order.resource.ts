import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { DeleteOrders, SaveOrder } from './order.commands';
import { INTERNAL_STATUSES, PAYMENT_STATUSES } from './order-statuses';

const notNegative = (v: unknown) => (Number(v) >= 0 ? null : 'This value should be greater than or equal to 0.');

/** Orders: what a customer bought, feeding its lifetime sales value (no line items, checkout or pricing here). */
export const ordersResource = defineResource({
  type: 'orders',
  table: 'commerce.order',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: 'identifier',
  description:
    'Orders of commerce customers. Amounts are exact decimals in the order currency; baseSubtotal is the subtotal in the ' +
    'base currency, converted when the order is paid in full (null otherwise). Orders paid in full and not cancelled ' +
    'make up the customer’s lifetimeSalesValue.',
  attributes: {
    identifier: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'contains', 'starts_with'], sort: true, trigramIndexed: true },
    currency: {
      type: 'string',
      required: true,
      filter: true,
      validate: (v) => (/^[A-Z]{3}$/.test(String(v)) ? null : 'Expected a 3-letter ISO 4217 code, e.g. "EUR".'),
    },
    subtotal: { type: 'money', required: true, filter: true, sort: true, validate: notNegative },
    total: { type: 'money', required: true, filter: true, sort: true, validate: notNegative },
    baseSubtotal: { type: 'money', readOnly: true, filter: true, sort: true },
    internalStatus: { type: 'enum', values: INTERNAL_STATUSES, filter: true, sort: true, description: 'Default "open".' },
    paymentStatus: { type: 'enum', values: PAYMENT_STATUSES, filter: true, sort: true },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    customer: { type: 'customers', cardinality: 'one', required: true, filter: true },
    customerUser: { type: 'customerusers', cardinality: 'one', filter: true, description: 'A user of the order’s customer.' },
    owner: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
  writes: {
    create: (input, caller) => new SaveOrder(caller, null, input),
    update: (id, input, caller) => new SaveOrder(caller, id, input),
    delete: (ids, caller) => new DeleteOrders(caller, ids),
  },
});
