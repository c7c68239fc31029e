import { PAID_IN_FULL } from './order-statuses';
import { sameAmount, type StoredOrder } from './stored-order';

/** What happens to an order's base subtotal when it is written: kept, cleared, or converted from `subtotal` in `currency`. */
export type BaseSubtotalChange = { kind: 'keep' } | { kind: 'clear' } | { kind: 'convert'; subtotal: string; currency: string };

/**
 * The base subtotal exists only while an order is paid in full (the lifetime sales value sums it): it is converted when
 * the order becomes paid in full, converted again when its subtotal or currency change while paid, kept otherwise,
 * and cleared when the order is no longer paid in full. `attributes` are the written ones (absent: unchanged);
 * `current` is the stored order, null for a new one.
 */
export function baseSubtotalChange(attributes: Record<string, unknown>, current: StoredOrder | null): BaseSubtotalChange {
  const value = (name: 'paymentStatus' | 'currency' | 'subtotal') => (attributes[name] !== undefined ? attributes[name] : (current?.[name] ?? null)) as string | null;
  const paymentStatus = value('paymentStatus');
  const currency = value('currency')!;
  const subtotal = value('subtotal')!;
  if (paymentStatus !== PAID_IN_FULL) return current?.baseSubtotal === null ? { kind: 'keep' } : { kind: 'clear' };
  const unchanged =
    current?.paymentStatus === PAID_IN_FULL && current.baseSubtotal !== null && current.currency === currency && sameAmount(current.subtotal, subtotal);
  return unchanged ? { kind: 'keep' } : { kind: 'convert', subtotal, currency };
}
