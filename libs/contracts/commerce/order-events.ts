/**
 * Published (through the outbox) when an order is created. Amounts are exact decimal strings in the order's currency.
 */
export class OrderPlaced {
  static readonly topic = 'commerce.order.placed';

  constructor(
    readonly orderId: string,
    readonly customerId: string,
    readonly customerUserId: string | null,
    readonly organizationId: string,
    readonly currency: string,
    readonly subtotal: string,
  ) {}
}

/** The order fields a lifetime sales value depends on. */
export type OrderLifetimeField = 'paymentStatus' | 'internalStatus' | 'subtotal' | 'currency' | 'baseSubtotal';

/** A field's value before and after a change (`new` is null when the order was deleted). */
export interface OrderFieldChange {
  old: string | null;
  new: string | null;
}

/**
 * Published when an order is updated (any field) or deleted. `oldCustomerId` is the customer before the change,
 * `newCustomerId` the one after it (the same unless the order moved; null when the order was deleted). `changes` holds
 * the lifetime-relevant fields whose value changed (on delete: every one that had a value, with `new` null).
 */
export class OrderChanged {
  static readonly topic = 'commerce.order.changed';

  constructor(
    readonly orderId: string,
    readonly organizationId: string,
    readonly oldCustomerId: string,
    readonly newCustomerId: string | null,
    readonly deleted: boolean,
    readonly changes: Partial<Record<OrderLifetimeField, OrderFieldChange>>,
  ) {}
}
