import { randomBytes } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation, Settings } from '../../platform';
import { BUYER_ROLE } from '../../../migrations/commerce/1763900002200-commerce-predefined-customer-user-roles';
import { rolesOfOtherCustomers } from '../customer-user-roles/role-assignments';
import { CommerceStore } from '../shared/commerce-store';
import { SaveCustomerUser } from './customer-user.commands';
import { customerUsersResource } from './customer-user.resource';
import { caseInsensitiveEmails, requireUniqueEmail } from './customer-user-email';

interface StoredCustomerUser {
  email: string;
  customer_id: string;
  enabled: boolean;
  is_guest: boolean;
}

/**
 * Customer user rules (domain §1.11, §2.1, §2.3): unique e-mail, birthday not in the future, an enabled user has a
 * role, customer-specific roles only for their customer; moving a user to another customer detaches it from the old
 * customer's orders. A new user gets a random password when none is given.
 */
@CommandHandler(SaveCustomerUser)
export class SaveCustomerUserHandler implements ICommandHandler<SaveCustomerUser, string> {
  constructor(
    private readonly store: CommerceStore,
    private readonly settings: Settings,
  ) {}

  async execute({ caller, customerUserId, input }: SaveCustomerUser): Promise<string> {
    const { attributes, relationships } = input;
    const current: StoredCustomerUser | null = customerUserId
      ? (await this.store.query(`SELECT email, customer_id::text, enabled, is_guest FROM commerce.customer_user WHERE id = $1 FOR UPDATE`, [customerUserId]))[0]
      : null;
    const email = (attributes.email as string | undefined) ?? current!.email;
    const isGuest = (attributes.isGuest as boolean | null | undefined) ?? current?.is_guest ?? false;
    const enabled = (attributes.enabled as boolean | null | undefined) ?? current?.enabled ?? true;
    const customerId = (relationships.customer as string | undefined) ?? current!.customer_id;

    const birthday = attributes.birthday as string | null | undefined;
    if (birthday && birthday > new Date().toISOString().slice(0, 10)) {
      throw new BusinessRuleViolation('The birth date cannot be in the future.', { attribute: 'birthday' });
    }
    if (!isGuest && (!current || email !== current.email || current.is_guest)) {
      await requireUniqueEmail(this.store, caller.organizationId, email, customerUserId, await caseInsensitiveEmails(this.settings, caller.organizationId));
    }
    // `userRoles` (Oro ≥ 5.0) or its deprecated alias `roles`: refusals point at the name the client used.
    if (relationships.userRoles !== undefined && relationships.roles !== undefined) {
      throw new BusinessRuleViolation('Send the roles as "userRoles" only ("roles" is its deprecated alias).', { relationship: 'roles' });
    }
    const rolesName = relationships.userRoles !== undefined ? 'userRoles' : 'roles';
    const given = (relationships.userRoles ?? relationships.roles) as string[] | undefined;
    const roles = given ?? (customerUserId ? await this.currentRoles(customerUserId) : await this.defaultRoles(caller.organizationId));
    if (enabled && roles.length === 0) {
      throw new BusinessRuleViolation('Please select at least one role before you enable the customer user', { relationship: rolesName, constraint: 'customer user check role constraint' });
    }
    const [foreignRole] = await rolesOfOtherCustomers(this.store, roles, customerId);
    if (foreignRole) {
      throw new BusinessRuleViolation(`The role "${foreignRole}" belongs to another customer; it can only be given to that customer's users.`, {
        relationship: rolesName,
      });
    }

    const stored = { ...attributes };
    // Columns with defaults must not be written as NULL when a client sends null.
    for (const name of ['enabled', 'confirmed', 'isGuest', 'authStatus'] as const) if (stored[name] === null) delete stored[name];
    if (!customerUserId && stored.password == null) stored.password = randomBytes(24).toString('base64url');
    const extra = attributes.email !== undefined ? { email_lowercase: { value: email.toLowerCase(), type: 'text' } } : undefined;
    const writer = this.store.writer();
    const { userRoles: _alias, ...ownRelationships } = relationships;
    const fields = { attributes: stored, relationships: given !== undefined || !customerUserId ? { ...ownRelationships, roles } : ownRelationships };
    const id = customerUserId ?? (await writer.insert(customerUsersResource, fields, caller, extra));
    if (customerUserId) await writer.update(customerUsersResource, customerUserId, fields, extra);

    if (current && current.customer_id !== customerId) {
      // Orders of the old customer cannot keep a user who no longer belongs to it (Oro's reassign updater).
      await this.store.query(`UPDATE commerce.order SET customer_user_id = NULL, updated_at = now() WHERE customer_user_id = $1 AND customer_id = $2`, [
        id,
        current.customer_id,
      ]);
    }
    return id;
  }

  /** What a new user gets when no role is named (Oro's `CustomerUserTest::testCreateWithRequiredDataOnly`): Buyer. */
  private async defaultRoles(organizationId: string): Promise<string[]> {
    const rows = await this.store.query(`SELECT id::text AS id FROM commerce.customer_user_role WHERE organization_id = $1 AND role = $2`, [organizationId, BUYER_ROLE]);
    return rows.map((r: { id: string }) => r.id);
  }

  private async currentRoles(customerUserId: string | null): Promise<string[]> {
    if (!customerUserId) return [];
    const rows = await this.store.query(`SELECT role_id::text AS id FROM commerce.customer_user_to_role WHERE customer_user_id = $1`, [customerUserId]);
    return rows.map((r: { id: string }) => r.id);
  }
}
