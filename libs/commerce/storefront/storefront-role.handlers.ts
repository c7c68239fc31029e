import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Caller, ResourceInput } from '../../platform';
import { SaveCustomerUserRole } from '../customer-user-roles/customer-user-role.commands';
import { CommerceStore } from '../shared/commerce-store';

/** A role created or changed on the storefront; answers the id of the role that holds the change. */
export class SaveStorefrontCustomerUserRole {
  constructor(
    readonly caller: Caller,
    readonly roleId: string | null,
    readonly input: ResourceInput,
  ) {}
}

/**
 * Role self-management (domain §5.3). A new role belongs to the caller's customer (or one in its reach) and is
 * self-managed. A predefined role is never changed: the edit goes to a copy bound to the caller's customer (its
 * permissions unless new ones are sent, self-managed), and that customer's users who had the predefined role move to
 * the copy — Oro's `CustomerUserRoleUpdateFrontendHandler`. A role of the caller's company is changed as in the back
 * office (same command, same rules). A predefined role is out of every storefront caller's DELETE scope (403): it is
 * never deleted there.
 */
@CommandHandler(SaveStorefrontCustomerUserRole)
export class SaveStorefrontCustomerUserRoleHandler implements ICommandHandler<SaveStorefrontCustomerUserRole, string> {
  constructor(
    private readonly commands: CommandBus,
    private readonly store: CommerceStore,
  ) {}

  async execute({ caller, roleId, input }: SaveStorefrontCustomerUserRole): Promise<string> {
    const company = caller.storefront!;
    if (!roleId) {
      return this.commands.execute(
        new SaveCustomerUserRole(caller, null, {
          attributes: { ...input.attributes, selfManaged: true },
          relationships: { ...input.relationships, customer: (input.relationships.customer as string | undefined) ?? company.customerId },
        }),
      );
    }
    const [role] = await this.store.query(`SELECT label, public, customer_id::text AS customer_id FROM commerce.customer_user_role WHERE id = $1`, [roleId]);
    if (role.customer_id !== null) {
      await this.commands.execute(new SaveCustomerUserRole(caller, roleId, input));
      return roleId;
    }
    const permissions =
      input.attributes.permissions ??
      (await this.store.query(`SELECT entity, permission, access_level AS "accessLevel" FROM commerce.customer_user_role_permission WHERE role_id = $1 ORDER BY entity, permission`, [roleId]));
    const copyId: string = await this.commands.execute(
      new SaveCustomerUserRole(caller, null, {
        attributes: { label: input.attributes.label ?? role.label, public: input.attributes.public ?? role.public, selfManaged: true, permissions },
        relationships: { customer: company.customerId },
      }),
    );
    // The customer's users move from the predefined role to its copy.
    await this.store.query(
      `WITH moved AS (
         DELETE FROM commerce.customer_user_to_role ur USING commerce.customer_user u
         WHERE ur.role_id = $1 AND u.id = ur.customer_user_id AND u.customer_id = $2
         RETURNING ur.customer_user_id)
       INSERT INTO commerce.customer_user_to_role (customer_user_id, role_id) SELECT customer_user_id, $3 FROM moved ON CONFLICT DO NOTHING`,
      [roleId, company.customerId, copyId],
    );
    return copyId;
  }
}
