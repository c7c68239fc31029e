import { randomBytes } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation, Settings, hashPassword } from '../../platform';
import { BUYER_ROLE } from '../../../migrations/commerce/1763900002200-commerce-predefined-customer-user-roles';
import { CommerceStore } from '../shared/commerce-store';
import { CreateCustomerUsers } from './customer-user.commands';
import { customerUsersResource } from './customer-user.resource';
import { caseInsensitiveEmails, emailLockKey, sameEmailSql } from './customer-user-email';

/**
 * Many new customer users in a few statements (a CSV import's set-based path), under the rules of `SaveCustomerUser`
 * checked for the whole set: birthday not in the future, e-mails unique among non-guest users (stored ones and the
 * set's own, compared as the organization says, each e-mail locked as one creation locks it), the Buyer role when none
 * is named, an enabled user has a role, customer-specific roles only for their customer. Passwords (given, else
 * random) are hashed concurrently. Any refusal refuses the whole set: the import then writes the rows one by one,
 * so each refused row gets exactly the single creation's answer.
 */
@CommandHandler(CreateCustomerUsers)
export class CreateCustomerUsersHandler implements ICommandHandler<CreateCustomerUsers, string[]> {
  constructor(
    private readonly store: CommerceStore,
    private readonly settings: Settings,
  ) {}

  async execute({ caller, inputs }: CreateCustomerUsers): Promise<string[]> {
    const organizationId = caller.organizationId;
    const refuse = (message: string): never => {
      throw new BusinessRuleViolation(`${message} (customer users created together)`, { relationship: 'roles' });
    };
    if (inputs.some((input) => input.relationships.userRoles !== undefined || input.relationships.salesRepresentatives !== undefined)) {
      refuse('Send the roles as "roles" and no sales representatives');
    }
    const today = new Date().toISOString().slice(0, 10);
    if (inputs.some((input) => typeof input.attributes.birthday === 'string' && input.attributes.birthday > today)) refuse('A birth date is in the future');

    const caseInsensitive = await caseInsensitiveEmails(this.settings, organizationId);
    const emails = inputs.filter((input) => !input.attributes.isGuest).map((input) => String(input.attributes.email));
    const keys = emails.map((email) => (caseInsensitive ? email.toLowerCase() : email));
    if (new Set(keys).size !== keys.length) refuse('An e-mail is given twice');
    // Each e-mail locked as `requireUniqueEmail` locks one, all in one statement and in one order (no deadlock between sets).
    const locks = [...new Set(emails.map((email) => emailLockKey(organizationId, email)))].sort();
    await this.store.query(`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM (SELECT k FROM unnest($1::text[]) k ORDER BY k) s`, [locks]);
    const [taken] = await this.store.query(
      `SELECT 1 FROM unnest($2::text[]) v(email) JOIN commerce.customer_user u ON u.organization_id = $1 AND NOT u.is_guest AND ${sameEmailSql('u', 'v.email', '$3::boolean')} LIMIT 1`,
      [organizationId, emails, caseInsensitive],
    );
    if (taken) refuse('An e-mail is already used');

    const [{ buyer }] = await this.store.query(`SELECT array_agg(id::text) AS buyer FROM commerce.customer_user_role WHERE organization_id = $1 AND role = $2`, [
      organizationId,
      BUYER_ROLE,
    ]);
    const roles = inputs.map((input) => [...new Set((input.relationships.roles as string[] | undefined) ?? buyer ?? [])]);
    if (inputs.some((input, i) => (input.attributes.enabled ?? true) && roles[i].length === 0)) refuse('An enabled user has no role');
    const links = inputs.flatMap((input, i) => roles[i].map((role) => ({ n: i, role, customer: String(input.relationships.customer) })));
    const [foreign] = await this.store.query(
      `SELECT 1 FROM unnest($1::bigint[], $2::bigint[]) l(role_id, customer_id) JOIN commerce.customer_user_role r ON r.id = l.role_id
       WHERE r.customer_id IS NOT NULL AND r.customer_id <> l.customer_id LIMIT 1`,
      [links.map((l) => l.role), links.map((l) => l.customer)],
    );
    if (foreign) refuse('A role belongs to another customer');

    const hashes = await Promise.all(inputs.map((input) => hashPassword(String(input.attributes.password ?? randomBytes(24).toString('base64url')))));
    const own = inputs.map((input) => {
      const { password: _password, ...attributes } = input.attributes;
      // Columns with defaults must not be written as NULL when a client sends null.
      for (const name of ['enabled', 'confirmed', 'isGuest', 'authStatus']) if (attributes[name] === null) delete attributes[name];
      const { roles: _roles, ...relationships } = input.relationships;
      return { ...input, attributes, relationships };
    });
    const extra = inputs.map((input, i): Record<string, [unknown, string]> => ({
      password_hash: [hashes[i], 'text'],
      email_lowercase: [String(input.attributes.email).toLowerCase(), 'text'],
    }));
    const ids = await this.store.writer().insertMany(customerUsersResource, own, caller, extra);
    await this.store.query(`INSERT INTO commerce.customer_user_to_role (customer_user_id, role_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])`, [
      links.map((l) => ids[l.n]),
      links.map((l) => l.role),
    ]);
    return ids;
  }
}
