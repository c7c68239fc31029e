import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation, type ModuleActionResponse, Settings } from '../../platform';
import type { CustomerSettings } from '../settings/customer.settings';
import { CommerceStore } from '../shared/commerce-store';
import { readFields } from './action-body';
import { customerUserTokens } from './customer-user-tokens';
import { ConfirmCustomerUser } from './storefront-account.commands';

/** Confirms a registered customer user's e-mail with the token it was sent; signs it in when auto-login is on. */
@CommandHandler(ConfirmCustomerUser)
export class ConfirmCustomerUserHandler implements ICommandHandler<ConfirmCustomerUser, ModuleActionResponse> {
  constructor(
    private readonly store: CommerceStore,
    private readonly settings: Settings,
  ) {}

  async execute({ body }: ConfirmCustomerUser): Promise<ModuleActionResponse> {
    const { token } = readFields(body, 'meta', null, { token: { required: true, max: 100 } });
    const owner = await customerUserTokens.consume(this.store, token!, 'confirmation');
    if (!owner) throw BusinessRuleViolation.of('form constraint', 'The confirmation token is invalid, expired or already used.', { pointer: '/meta/token' });
    await this.store.query(`UPDATE commerce.customer_user SET confirmed = true, updated_at = now() WHERE id = $1`, [owner.customerUserId]);
    const { autoLoginAfterRegistration } = await this.settings.get<CustomerSettings>(owner.organizationId, 'customer');
    const signIn = autoLoginAfterRegistration ? { userId: owner.customerUserId, organizationId: owner.organizationId } : undefined;
    return { status: 200, body: { meta: { confirmed: true } }, ...(signIn ? { signIn } : {}) };
  }
}
