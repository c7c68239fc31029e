import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BusinessRuleViolation, Caller } from '../../platform';
import { SaveCustomerUser } from '../customer-users/customer-user.commands';
import { CommerceStore } from '../shared/commerce-store';

/**
 * A customer's `users` as written through the customer (Oro's customers.users, also its POST/PATCH relationship
 * routes): users listed that belong elsewhere move here, through the customer-user command so that every rule of a
 * move applies (roles specific to the old customer, orders reassigned). A customer user always has a customer, so
 * leaving one of the current users out is refused: it is moved by naming it on its new customer.
 */
@Injectable()
export class CustomerUsersMembership {
  constructor(
    private readonly store: CommerceStore,
    private readonly commands: CommandBus,
  ) {}

  async adopt(caller: Caller, customerId: string, userIds: string[] | undefined): Promise<void> {
    if (userIds === undefined) return;
    const current: Array<{ id: string; email: string }> = await this.store.query(
      `SELECT id::text AS id, email FROM commerce.customer_user WHERE customer_id = $1 ORDER BY id`,
      [customerId],
    );
    const left = current.filter((user) => !userIds.includes(user.id));
    if (left.length > 0) {
      throw new BusinessRuleViolation(
        `A customer user always belongs to a customer: ${left.map((u) => u.email).join(', ')} cannot be removed; give ${left.length > 1 ? 'them' : 'it'} another customer instead.`,
        { relationship: 'users' },
      );
    }
    const known = new Set(current.map((user) => user.id));
    for (const userId of new Set(userIds)) {
      if (!known.has(userId)) await this.commands.execute(new SaveCustomerUser(caller, userId, { attributes: {}, relationships: { customer: customerId } }));
    }
  }
}
