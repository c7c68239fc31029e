import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { CUSTOMER_USER_NAME, enabledUsersWithoutRole } from './role-assignments';
import { SaveCustomerUserRole } from './customer-user-role.commands';
import { customerUserRolesResource } from './customer-user-role.resource';
import { newRoleCode } from './role-code';
import { ANONYMOUS_ROLE, BUYER_ROLE } from '../../../migrations/commerce/1763900002200-commerce-predefined-customer-user-roles';

const SYSTEM_ROLE_CODES: readonly string[] = [BUYER_ROLE, ANONYMOUS_ROLE];
import { replacePermissions } from './storefront-permissions';

interface StoredRole {
  label: string;
  customer_id: string | null;
}

/**
 * Role rules: a label unique per (organization, customer); a customer-specific role holds only that customer's users
 * (changing the customer drops the others); no enabled user may lose its last role; permissions are replaced as a set.
 */
@CommandHandler(SaveCustomerUserRole)
export class SaveCustomerUserRoleHandler implements ICommandHandler<SaveCustomerUserRole, string> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ caller, roleId, input }: SaveCustomerUserRole): Promise<string> {
    // Role writes of an organization are rare: serializing them keeps code generation and the label check race-free.
    await this.store.lock(`commerce.customer_user_role:${caller.organizationId}`);
    const current: StoredRole | null = roleId
      ? (await this.store.query(`SELECT label, customer_id::text FROM commerce.customer_user_role WHERE id = $1`, [roleId]))[0]
      : null;
    const label = (input.attributes.label as string | undefined) ?? current!.label;
    const customerId = 'customer' in input.relationships ? (input.relationships.customer as string | null) : (current?.customer_id ?? null);
    await this.requireUniqueLabel(caller.organizationId, roleId, label, customerId);

    const { permissions, role, ...attributes } = input.attributes;
    const { customerUsers, ...relationships } = input.relationships;
    if (role !== undefined) await this.requireChangeableCode(roleId, role);
    if (role !== undefined || !roleId) attributes.role = await newRoleCode(this.store, caller.organizationId, label, (role as string | undefined) ?? undefined);
    const fields = { attributes, relationships };
    const writer = this.store.writer();
    const id = roleId ?? (await writer.insert(customerUserRolesResource, fields, caller));
    if (roleId) await writer.update(customerUserRolesResource, roleId, fields);

    await this.assignUsers(id, customerId, customerUsers as string[] | undefined);
    await replacePermissions(this.store, id, permissions);
    return id;
  }

  /** A code is never blank (Oro's NotBlank on update); the codes the storefront relies on (Buyer, guests) stay. */
  private async requireChangeableCode(roleId: string | null, role: unknown): Promise<void> {
    if (role === null || (typeof role === 'string' && role.trim() === '')) {
      throw new BusinessRuleViolation('This value should not be blank.', { attribute: 'role', constraint: 'not blank constraint' });
    }
    const [current] = roleId ? await this.store.query(`SELECT role FROM commerce.customer_user_role WHERE id = $1`, [roleId]) : [];
    if (current && SYSTEM_ROLE_CODES.includes(current.role)) {
      throw new BusinessRuleViolation(`The code of the role ${current.role} cannot be changed: the storefront relies on it.`, { attribute: 'role' });
    }
  }

  private async requireUniqueLabel(organizationId: string, roleId: string | null, label: string, customerId: string | null): Promise<void> {
    const [clash] = await this.store.query(
      `SELECT 1 FROM commerce.customer_user_role
       WHERE organization_id = $1 AND label = $2 AND coalesce(customer_id, 0) = coalesce($3::bigint, 0) AND id <> coalesce($4::bigint, 0)`,
      [organizationId, label, customerId, roleId],
    );
    if (clash) throw new BusinessRuleViolation('Role with this name already exists', { attribute: 'label', constraint: 'unique entity constraint' });
  }

  /** The role's users after the change: those sent (or the current ones), limited to the role's customer. */
  private async assignUsers(roleId: string, customerId: string | null, sent: string[] | undefined): Promise<void> {
    const before: Array<{ id: string; customer_id: string; name: string }> = await this.store.query(
      `SELECT u.id::text, u.customer_id::text, ${CUSTOMER_USER_NAME} AS name
       FROM commerce.customer_user_to_role ur JOIN commerce.customer_user u ON u.id = ur.customer_user_id WHERE ur.role_id = $1`,
      [roleId],
    );
    let after: string[];
    if (sent !== undefined) {
      after = [...new Set(sent)];
      if (customerId !== null && after.length > 0) {
        const [stranger] = await this.store.query(
          `SELECT ${CUSTOMER_USER_NAME} AS name FROM commerce.customer_user u WHERE u.id = ANY($1::bigint[]) AND u.customer_id <> $2 ORDER BY u.id LIMIT 1`,
          [after, customerId],
        );
        if (stranger) {
          throw new BusinessRuleViolation(`The customer user "${stranger.name}" does not belong to the role's customer.`, { relationship: 'customerUsers' });
        }
      }
    } else {
      after = before.filter((u) => customerId === null || u.customer_id === customerId).map((u) => u.id);
    }
    const removed = before.map((u) => u.id).filter((id) => !after.includes(id));
    const added = after.filter((id) => !before.some((u) => u.id === id));
    if (removed.length === 0 && added.length === 0) return;
    await this.store.writer().changeToMany(customerUserRolesResource, roleId, 'customerUsers', after, 'replace');
    const [stranded] = await enabledUsersWithoutRole(this.store, removed);
    if (stranded) throw new BusinessRuleViolation(`You cannot remove last role from ${stranded}`, { relationship: 'customerUsers' });
  }
}
