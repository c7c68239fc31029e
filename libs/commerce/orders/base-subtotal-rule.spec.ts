import { baseSubtotalChange } from './base-subtotal-rule';
import type { StoredOrder } from './stored-order';

const paid: StoredOrder = {
  id: '1', customerId: '2', customerUserId: null, currency: 'EUR', subtotal: '100.0000', baseSubtotal: '110.0000', internalStatus: 'open', paymentStatus: 'full',
};

describe('base subtotal of an order', () => {
  it('is converted when a new order is paid in full, and not stored for an unpaid one', () => {
    expect(baseSubtotalChange({ paymentStatus: 'full', currency: 'EUR', subtotal: '10' }, null)).toEqual({ kind: 'convert', subtotal: '10', currency: 'EUR' });
    expect(baseSubtotalChange({ paymentStatus: 'pending', currency: 'EUR', subtotal: '10' }, null)).toEqual({ kind: 'clear' });
    expect(baseSubtotalChange({ currency: 'EUR', subtotal: '10' }, null)).toEqual({ kind: 'clear' });
  });

  it('is kept while a paid order keeps its amount and currency, even written differently', () => {
    expect(baseSubtotalChange({}, paid)).toEqual({ kind: 'keep' });
    expect(baseSubtotalChange({ subtotal: '100', poNumber: 'X' }, paid)).toEqual({ kind: 'keep' });
  });

  it('is converted again when a paid order’s subtotal or currency changes', () => {
    expect(baseSubtotalChange({ subtotal: '120' }, paid)).toEqual({ kind: 'convert', subtotal: '120', currency: 'EUR' });
    expect(baseSubtotalChange({ currency: 'USD' }, paid)).toEqual({ kind: 'convert', subtotal: '100.0000', currency: 'USD' });
  });

  it('is cleared when the order stops being paid in full, and stays cleared', () => {
    expect(baseSubtotalChange({ paymentStatus: 'partially' }, paid)).toEqual({ kind: 'clear' });
    expect(baseSubtotalChange({ subtotal: '5' }, { ...paid, paymentStatus: 'pending', baseSubtotal: null })).toEqual({ kind: 'keep' });
  });

  it('is converted when a paid order had none (paid before rates were known)', () => {
    expect(baseSubtotalChange({}, { ...paid, baseSubtotal: null })).toEqual({ kind: 'convert', subtotal: '100.0000', currency: 'EUR' });
  });
});
