import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppConfigService, BusinessRuleViolation, type Caller, Directory, JsonApiService, Mailer, type ModuleActionResponse, Settings } from '../../platform';
import { strictEmailProblem } from '../customer-users/customer-user-email';
import type { CustomerSettings } from '../settings/customer.settings';
import { CommerceStore } from '../shared/commerce-store';
import { readFields, readRelationshipIds } from './action-body';
import { acceptConsents, requireRegistrationConsents } from '../consents/consent.handlers';
import { customerUserTokens } from './customer-user-tokens';
import { requireStrongPassword } from './password-rules';
import { RegisterCustomerUser } from './storefront-account.commands';
import { storefrontMails } from './storefront-mails';
import { registrationOwner, storefrontOrganization } from './storefront-organization';

const NAME = { required: true, max: 255 };

/**
 * Self-registration (domain §1.11, §2.1, §8): a customer named after the company (or "First Last" when the company
 * field is switched off) and its first customer user with the Buyer role, both owned by `defaultCustomerOwner`,
 * written through the same resource commands as any other creation (so, with the integration, the customer's account
 * is made in this transaction), with the consents it accepts (every mandatory active one). A taken e-mail answers exactly like a success when enumeration protection is on, and
 * its owner is told at most once a day.
 */
@CommandHandler(RegisterCustomerUser)
export class RegisterCustomerUserHandler implements ICommandHandler<RegisterCustomerUser, ModuleActionResponse> {
  constructor(
    private readonly store: CommerceStore,
    private readonly settings: Settings,
    private readonly mailer: Mailer,
    private readonly api: JsonApiService,
    private readonly config: AppConfigService,
    private readonly directory: Directory,
  ) {}

  async execute({ body }: RegisterCustomerUser): Promise<ModuleActionResponse> {
    const organizationId = await storefrontOrganization(this.directory);
    const options = await this.settings.get<CustomerSettings>(organizationId, 'customer');
    if (!options.registrationAllowed) {
      throw BusinessRuleViolation.of('access denied exception', 'Registration is not allowed.', { forbidden: true, pointer: '/data' });
    }
    const fields = readFields(body, 'attributes', 'registration', {
      email: { required: true, max: 255 },
      password: { required: true, max: 200 },
      firstName: NAME,
      lastName: NAME,
      ...(options.companyNameFieldEnabled ? { companyName: NAME } : {}),
    });
    const email = fields.email!;
    if (email.length < 6 || strictEmailProblem(email)) {
      throw BusinessRuleViolation.of('email constraint', 'This value is not a valid email address.', { pointer: '/data/attributes/email' });
    }
    requireStrongPassword(fields.password!, '/data/attributes/password');
    const { consents } = readRelationshipIds(body, { consents: 'consents' });
    await requireRegistrationConsents(this.store, organizationId, consents);

    // The lock requireUniqueEmail takes too: a concurrent registration with this e-mail waits and then sees this one.
    await this.store.lock(`commerce.customer_user.email:${organizationId}:${email.toLowerCase()}`);
    const [taken] = await this.store.query(
      `SELECT id::text AS id FROM commerce.customer_user
       WHERE organization_id = $1 AND NOT is_guest AND (CASE WHEN $3::boolean THEN email_lowercase = lower($2) ELSE email = $2 END)
       ORDER BY id LIMIT 1`,
      [organizationId, email, options.caseInsensitiveEmailAddressesEnabled],
    );
    if (taken) {
      if (!options.emailEnumerationProtectionEnabled) {
        throw BusinessRuleViolation.of('unique customer user name and email constraint', 'This email is already used.', { pointer: '/data/attributes/email' });
      }
      await this.notifyOwnerOfEmail(organizationId, taken.id);
      return registered(options, undefined);
    }

    const owner = await registrationOwner(this.directory, organizationId, options.defaultCustomerOwner);
    const [user] = await this.api.writeRecords(
      [
        {
          type: 'customerusers',
          pointer: '/data',
          primary: true,
          update: false,
          object: {
            type: 'customerusers',
            attributes: { email, password: fields.password, firstName: fields.firstName, lastName: fields.lastName, enabled: true, confirmed: !options.confirmationRequired },
            // No role named: the user gets the default one, Buyer (as any customer user created without roles).
            relationships: { customer: { data: { type: 'customers', id: 'customer' } } },
          },
        },
        {
          type: 'customers',
          pointer: '/data/attributes/companyName',
          primary: false,
          update: false,
          temporaryId: true,
          clientId: 'customer',
          object: { type: 'customers', id: 'customer', attributes: { name: fields.companyName ?? `${fields.firstName} ${fields.lastName}` } },
        },
      ],
      registrationCaller(organizationId, owner),
    );

    await acceptConsents(this.store, organizationId, user.id, consents);

    const name = `${fields.firstName} ${fields.lastName}`;
    const base = this.config.get('storefrontUrl');
    if (options.confirmationRequired) {
      const token = await customerUserTokens.issue(this.store, user.id, 'confirmation');
      await this.mailer.send({ organizationId, to: email, ...storefrontMails.confirmation(base, name, token) });
      return registered(options, undefined);
    }
    await this.mailer.send({ organizationId, to: email, ...storefrontMails.welcome(base, name) });
    return registered(options, options.autoLoginAfterRegistration ? { userId: user.id, organizationId } : undefined);
  }

  /** "Someone tried to register with your e-mail", at most once per 24 h per user. */
  private async notifyOwnerOfEmail(organizationId: string, customerUserId: string): Promise<void> {
    // An UPDATE … RETURNING answers [rows, count].
    const [[user]] = await this.store.query(
      `UPDATE commerce.customer_user SET last_duplicate_notification_at = now()
       WHERE id = $1 AND (last_duplicate_notification_at IS NULL OR last_duplicate_notification_at <= now() - interval '24 hours')
       RETURNING email, first_name, last_name`,
      [customerUserId],
    );
    if (user) {
      await this.mailer.send({ organizationId, to: user.email, ...storefrontMails.duplicateRegistration(this.config.get('storefrontUrl'), `${user.first_name} ${user.last_name}`) });
    }
  }
}

/** The answer to a registration; signed in (`meta.token`) only when auto-login is on and no confirmation is needed. */
function registered(options: CustomerSettings, signIn: ModuleActionResponse['signIn']): ModuleActionResponse {
  return { status: 201, body: { meta: { confirmationRequired: options.confirmationRequired } }, ...(signIn ? { signIn } : {}) };
}

/** Registration writes as the owner of what it creates, with every right in the organization (no one is signed in). */
function registrationCaller(organizationId: string, ownerId: string): Caller {
  return { api: 'admin', organizationId, userId: ownerId, access: () => 'organization' };
}
