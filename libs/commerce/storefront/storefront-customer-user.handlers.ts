import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppConfigService, BusinessRuleViolation, Mailer, Settings } from '../../platform';
import type { CustomerSettings } from '../settings/customer.settings';
import { customerUserTokens } from '../storefront-accounts/customer-user-tokens';
import { storefrontMails } from '../storefront-accounts/storefront-mails';
import { DeleteCustomerUsers, SaveCustomerUser } from '../customer-users/customer-user.commands';
import { CommerceStore } from '../shared/commerce-store';
import { requireStrongPassword } from '../storefront-accounts/password-rules';
import { DeleteStorefrontCustomerUsers, SaveStorefrontCustomerUser } from './storefront-customer-user.commands';

/**
 * Storefront user management (domain §5.2): the customer-user rules of the back office (unique e-mail, an enabled user
 * has a role, roles of its customer only…), plus the storefront's own — Oro's password rules, nobody disables itself,
 * a new user belongs to the caller's customer unless another one (within the caller's reach) is named, and is owned
 * by the caller's back-office owner; without `userRoles` it gets the Buyer role, as in the back office. It is mailed
 * a confirmation link when the organization requires confirmation (else a welcome mail).
 */
@CommandHandler(SaveStorefrontCustomerUser)
export class SaveStorefrontCustomerUserHandler implements ICommandHandler<SaveStorefrontCustomerUser, string> {
  constructor(
    private readonly commands: CommandBus,
    private readonly store: CommerceStore,
    private readonly settings: Settings,
    private readonly mailer: Mailer,
    private readonly config: AppConfigService,
  ) {}

  async execute({ caller, customerUserId, input }: SaveStorefrontCustomerUser): Promise<string> {
    const self = caller.storefront!;
    if (customerUserId === self.customerUserId && input.attributes.enabled === false) {
      throw BusinessRuleViolation.of('access denied exception', 'You cannot disable yourself.', { attribute: 'enabled', forbidden: true });
    }
    if (typeof input.attributes.password === 'string') requireStrongPassword(input.attributes.password, '/data/attributes/password');
    const relationships = { ...input.relationships };
    if (!customerUserId) {
      relationships.customer ??= self.customerId;
      const [{ owner }] = await this.store.query(`SELECT owner_id::text AS owner FROM commerce.customer_user WHERE id = $1`, [self.customerUserId]);
      relationships.owner = owner;
    }
    if (customerUserId) return this.commands.execute(new SaveCustomerUser(caller, customerUserId, { ...input, relationships }));
    // A new colleague registers like a self-registered user (Oro's `register()`): confirmation first when required.
    const { confirmationRequired } = await this.settings.get<CustomerSettings>(caller.organizationId, 'customer');
    const attributes: Record<string, unknown> = { ...input.attributes, confirmed: !confirmationRequired };
    const id: string = await this.commands.execute(new SaveCustomerUser(caller, null, { ...input, attributes, relationships }));
    const name = `${attributes.firstName} ${attributes.lastName}`;
    const mail = confirmationRequired
      ? storefrontMails.confirmation(this.config.get('storefrontUrl'), name, await customerUserTokens.issue(this.store, id, 'confirmation'))
      : storefrontMails.welcome(this.config.get('storefrontUrl'), name);
    await this.mailer.send({ organizationId: caller.organizationId, to: String(attributes.email), ...mail });
    return id;
  }
}

@CommandHandler(DeleteStorefrontCustomerUsers)
export class DeleteStorefrontCustomerUsersHandler implements ICommandHandler<DeleteStorefrontCustomerUsers, void> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ caller, customerUserIds }: DeleteStorefrontCustomerUsers): Promise<void> {
    if (customerUserIds.includes(caller.storefront!.customerUserId)) {
      throw BusinessRuleViolation.of('access denied exception', 'The delete operation is forbidden. Reason: self delete.', { pointer: '/data', forbidden: true });
    }
    await this.commands.execute(new DeleteCustomerUsers(caller, customerUserIds));
  }
}
