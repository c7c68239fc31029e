/** Order internal statuses (domain decision 10). */
export const INTERNAL_STATUSES = ['open', 'pending', 'processing', 'closed', 'cancelled'] as const;

/** Payment statuses (domain §1.14); only `full` counts towards a customer's lifetime sales value. */
export const PAYMENT_STATUSES = [
  'full',
  'partially',
  'invoiced',
  'authorized',
  'authorized_partially',
  'declined',
  'pending',
  'canceled',
  'canceled_partially',
  'refunded',
  'refunded_partially',
] as const;

export const PAID_IN_FULL = 'full';
