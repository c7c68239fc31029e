import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { ANONYMOUS_ROLE, BUYER_ROLE } from '../../../migrations/commerce/1763900002200-commerce-predefined-customer-user-roles';
import { CommerceStore } from '../shared/commerce-store';
import { DeleteCustomerUserRoles } from './customer-user-role.commands';
import { customerUserRolesResource } from './customer-user-role.resource';

/** Why a role must stay, by its code (domain §2.4: a website's default and guest roles cannot be deleted). */
const KEPT_ROLES: Record<string, string> = {
  [BUYER_ROLE]: 'it is the default role of registered customer users',
  [ANONYMOUS_ROLE]: 'it is the role of guests (non-authenticated visitors)',
};

@CommandHandler(DeleteCustomerUserRoles)
export class DeleteCustomerUserRolesHandler implements ICommandHandler<DeleteCustomerUserRoles> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ roleIds }: DeleteCustomerUserRoles): Promise<void> {
    // Locked first, so that no user can be given one of these roles between the check and the delete.
    const roles: Array<{ role: string; label: string; users: number }> = await this.store.query(
      `SELECT r.role, r.label, (SELECT count(*)::int FROM commerce.customer_user_to_role ur WHERE ur.role_id = r.id) AS users
       FROM (SELECT id, role, label FROM commerce.customer_user_role WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE) r`,
      [roleIds],
    );
    for (const role of roles) {
      const reason = KEPT_ROLES[role.role] ?? (role.users > 0 ? `it is assigned to ${role.users} customer user${role.users === 1 ? '' : 's'}` : null);
      if (reason) throw new BusinessRuleViolation(`The role "${role.label}" cannot be deleted: ${reason}.`, { conflict: true });
    }
    await this.store.writer().delete(customerUserRolesResource, roleIds);
  }
}
