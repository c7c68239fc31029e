import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { CUSTOMER_USER_NAME } from '../customer-user-roles/role-assignments';
import { CommerceStore } from '../shared/commerce-store';
import { DeleteCustomerUsers } from './customer-user.commands';
import { customerUsersResource } from './customer-user.resource';

/** A customer user that orders still reference stays (domain §2.4); its roles, addresses and representatives go with it. */
@CommandHandler(DeleteCustomerUsers)
export class DeleteCustomerUsersHandler implements ICommandHandler<DeleteCustomerUsers> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ customerUserIds }: DeleteCustomerUsers): Promise<void> {
    const [referenced] = await this.store.query(
      `SELECT ${CUSTOMER_USER_NAME} AS name, count(*)::int AS orders,
              string_agg(o.identifier, ', ' ORDER BY o.id) FILTER (WHERE o.rank <= 3) AS identifiers
       FROM commerce.customer_user u
       JOIN (SELECT id, identifier, customer_user_id, row_number() OVER (PARTITION BY customer_user_id ORDER BY id) AS rank
             FROM commerce.order WHERE customer_user_id = ANY($1::bigint[])) o ON o.customer_user_id = u.id
       GROUP BY u.id ORDER BY u.id LIMIT 1`,
      [customerUserIds],
    );
    if (referenced) {
      const more = referenced.orders > 3 ? ', …' : '';
      throw new BusinessRuleViolation(
        `The customer user "${referenced.name}" cannot be deleted: it is referenced by ${referenced.orders} order${referenced.orders === 1 ? '' : 's'} (${referenced.identifiers}${more}).`,
        { conflict: true },
      );
    }
    await this.store.writer().delete(customerUsersResource, customerUserIds);
  }
}
