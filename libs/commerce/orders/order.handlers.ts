import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation, CurrencyConverter } from '../../platform';
import { LifetimeRecomputation } from '../lifetime/lifetime-recomputation';
import { CommerceStore } from '../shared/commerce-store';
import { DeleteOrders, SaveOrder } from './order.commands';
import { ordersResource } from './order.resource';
import { PAID_IN_FULL } from './order-statuses';
import { baseSubtotalChange } from './base-subtotal-rule';
import { StoredOrder, lifetimeChanges, loadOrders } from './stored-order';

/**
 * Order rules: the customer user must be one of the order's customer; the base subtotal is converted when the order
 * becomes paid in full (and again when its subtotal or currency change while paid), and is null otherwise. A change
 * that matters to a lifetime sales value asks for the values of the customers it touches to be recomputed, in the same
 * transaction. (Orders publish no event of their own: nothing outside Commerce reacts to single orders; the values
 * they feed are announced by CustomerLifetimeValuesChanged.)
 */
@CommandHandler(SaveOrder)
export class SaveOrderHandler implements ICommandHandler<SaveOrder, string> {
  constructor(
    private readonly store: CommerceStore,
    private readonly currencies: CurrencyConverter,
    private readonly lifetime: LifetimeRecomputation,
  ) {}

  async execute({ caller, orderId, input }: SaveOrder): Promise<string> {
    const [current] = orderId ? await loadOrders(this.store, [orderId]) : [null];
    const { attributes, relationships } = input;
    if (attributes.internalStatus === null) throw new BusinessRuleViolation('This value should not be blank.', { attribute: 'internalStatus', constraint: 'not blank constraint' });
    const customerId = (relationships.customer ?? current?.customerId) as string;
    const customerUserId = (relationships.customerUser !== undefined ? relationships.customerUser : current?.customerUserId) as string | null;
    if (customerUserId && (relationships.customerUser !== undefined || relationships.customer !== undefined)) {
      const [member] = await this.store.query(`SELECT 1 FROM commerce.customer_user WHERE id = $1 AND customer_id = $2`, [customerUserId, customerId]);
      if (!member) throw new BusinessRuleViolation('The customer user does not belong to the customer.', { relationship: 'customerUser' });
    }

    const baseSubtotal = await this.baseSubtotal(caller.organizationId, attributes, current);
    const extra: Record<string, { value: unknown; type: string }> = baseSubtotal === undefined ? {} : { base_subtotal: { value: baseSubtotal, type: 'numeric' } };
    const writer = this.store.writer();
    const id = orderId ?? (await writer.insert(ordersResource, input, caller, extra));
    if (orderId) await writer.update(ordersResource, orderId, input, extra);
    const [after] = await loadOrders(this.store, [id]);

    if (!current) {
      // An order counts only once paid in full: a new unpaid one changes no value.
      if (after.paymentStatus === PAID_IN_FULL) await this.lifetime.recompute([after.customerId]);
      return id;
    }
    // Only an order paid in full before or after the change can move a value.
    const counts = current.paymentStatus === PAID_IN_FULL || after.paymentStatus === PAID_IN_FULL;
    const changed = Object.keys(lifetimeChanges(current, after)).length > 0 || current.customerId !== after.customerId;
    if (counts && changed) await this.lifetime.recompute([current.customerId, after.customerId]);
    return id;
  }

  /** The base subtotal to store (undefined: keep the stored one). A missing rate is a violation on `currency`. */
  private async baseSubtotal(organizationId: string, attributes: Record<string, unknown>, current: StoredOrder | null): Promise<string | null | undefined> {
    const change = baseSubtotalChange(attributes, current);
    if (change.kind === 'keep') return undefined;
    if (change.kind === 'clear') return null;
    return this.currencies.toBase(organizationId, change.subtotal, change.currency, 'currency');
  }
}

@CommandHandler(DeleteOrders)
export class DeleteOrdersHandler implements ICommandHandler<DeleteOrders> {
  constructor(
    private readonly store: CommerceStore,
    private readonly lifetime: LifetimeRecomputation,
  ) {}

  async execute({ orderIds }: DeleteOrders): Promise<void> {
    const orders = await loadOrders(this.store, orderIds);
    await this.store.writer().delete(ordersResource, orderIds);
    await this.lifetime.recompute(orders.filter((o) => o.paymentStatus === PAID_IN_FULL).map((o) => o.customerId));
  }
}
