import type { CommerceStore } from '../shared/commerce-store';

/** The order fields a lifetime sales value depends on. */
type OrderLifetimeField = 'paymentStatus' | 'internalStatus' | 'subtotal' | 'currency' | 'baseSubtotal';

/** A field's value before and after a change (`new` is null when the order was deleted). */
interface OrderFieldChange {
  old: string | null;
  new: string | null;
}

/** An order as stored, in the exact text forms the API and the events use. */
export interface StoredOrder {
  id: string;
  customerId: string;
  customerUserId: string | null;
  currency: string;
  subtotal: string;
  baseSubtotal: string | null;
  internalStatus: string;
  paymentStatus: string | null;
}

const LIFETIME_FIELDS: OrderLifetimeField[] = ['paymentStatus', 'internalStatus', 'subtotal', 'currency', 'baseSubtotal'];

export async function loadOrders(store: CommerceStore, ids: string[]): Promise<StoredOrder[]> {
  return store.query(
    `SELECT id::text AS id, customer_id::text AS "customerId", customer_user_id::text AS "customerUserId", currency,
            subtotal::text AS subtotal, base_subtotal::text AS "baseSubtotal", internal_status AS "internalStatus",
            payment_status AS "paymentStatus"
     FROM commerce.order WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [ids],
  );
}

/** The lifetime-relevant fields that differ between two states of an order (`after` null: it was deleted). */
export function lifetimeChanges(before: StoredOrder, after: StoredOrder | null): Partial<Record<OrderLifetimeField, OrderFieldChange>> {
  const changes: Partial<Record<OrderLifetimeField, OrderFieldChange>> = {};
  for (const field of LIFETIME_FIELDS) {
    const next = after ? after[field] : null;
    if (before[field] !== next) changes[field] = { old: before[field], new: next };
  }
  return changes;
}

/** Whether two exact decimal strings are the same amount ("1500" and "1500.0000" are). */
export function sameAmount(a: string, b: string): boolean {
  const canonical = (amount: string) => {
    const [whole, fraction = ''] = amount.split('.');
    return `${BigInt(whole)}.${fraction.padEnd(4, '0')}`;
  };
  return canonical(a) === canonical(b);
}
