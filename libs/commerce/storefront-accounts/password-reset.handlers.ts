import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppConfigService, BusinessRuleViolation, Directory, hashPassword, Mailer, type ModuleActionResponse, Settings } from '../../platform';
import type { CustomerSettings } from '../settings/customer.settings';
import { CommerceStore } from '../shared/commerce-store';
import { readFields } from './action-body';
import { customerUserTokens } from './customer-user-tokens';
import { requireStrongPassword } from './password-rules';
import { RequestPasswordReset, ResetPassword } from './storefront-account.commands';
import { storefrontMails } from './storefront-mails';
import { storefrontOrganization } from './storefront-organization';

/** The same answer whether or not a user has the e-mail, so that the route tells nobody which e-mails exist. */
const REQUESTED: ModuleActionResponse = {
  status: 202,
  body: { meta: { message: 'If a customer user has this e-mail address, a link to reset the password was sent to it.' } },
};

/** Mails a single-use reset link (valid 24 h) to the enabled, non-guest customer user with this e-mail, if any. */
@CommandHandler(RequestPasswordReset)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordReset, ModuleActionResponse> {
  constructor(
    private readonly store: CommerceStore,
    private readonly settings: Settings,
    private readonly mailer: Mailer,
    private readonly config: AppConfigService,
    private readonly directory: Directory,
  ) {}

  async execute({ body }: RequestPasswordReset): Promise<ModuleActionResponse> {
    const { email } = readFields(body, 'meta', null, { email: { required: true, max: 255 } });
    const organizationId = await storefrontOrganization(this.directory);
    const { caseInsensitiveEmailAddressesEnabled } = await this.settings.get<CustomerSettings>(organizationId, 'customer');
    const [user] = await this.store.query(
      `SELECT id::text AS id, email, first_name, last_name FROM commerce.customer_user
       WHERE organization_id = $1 AND NOT is_guest AND enabled AND (CASE WHEN $3::boolean THEN email_lowercase = lower($2) ELSE email = $2 END)
       ORDER BY id LIMIT 1`,
      [organizationId, email, caseInsensitiveEmailAddressesEnabled],
    );
    if (user) {
      const token = await customerUserTokens.issue(this.store, user.id, 'password_reset');
      await this.mailer.send({ organizationId, to: user.email, ...storefrontMails.passwordReset(this.config.get('storefrontUrl'), `${user.first_name} ${user.last_name}`, token) });
    }
    return REQUESTED;
  }
}

/**
 * Sets the new password with a reset token (used up, whatever else happens to the user), and lifts an
 * `authStatus = reset` the back office set. The password is checked before the token is used, so a weak one does not
 * cost the token.
 */
@CommandHandler(ResetPassword)
export class ResetPasswordHandler implements ICommandHandler<ResetPassword, ModuleActionResponse> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ body }: ResetPassword): Promise<ModuleActionResponse> {
    const { token, password } = readFields(body, 'meta', null, { token: { required: true, max: 100 }, password: { required: true, max: 200 } });
    requireStrongPassword(password!, '/meta/password');
    const owner = await customerUserTokens.consume(this.store, token!, 'password_reset');
    if (!owner) throw BusinessRuleViolation.of('form constraint', 'The reset token is invalid, expired or already used.', { pointer: '/meta/token' });
    await this.store.query(`UPDATE commerce.customer_user SET password_hash = $2, auth_status = 'active', updated_at = now() WHERE id = $1`, [
      owner.customerUserId,
      await hashPassword(password!),
    ]);
    return { status: 200, body: { meta: { passwordChanged: true } } };
  }
}
