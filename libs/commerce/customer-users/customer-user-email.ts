import { BusinessRuleViolation, type Settings } from '../../platform';
import type { CustomerSettings } from '../settings/customer.settings';
import type { CommerceStore } from '../shared/commerce-store';

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A strict e-mail address: dot-atoms only (no quoted local parts, no IP literals), a dotted domain ending in letters. */
export function strictEmailProblem(value: unknown): string | null {
  const [local, domain, ...rest] = String(value).split('@');
  const labels = domain?.split('.') ?? [];
  const ok =
    rest.length === 0 &&
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    /^[A-Za-z]{2,}$/.test(labels[labels.length - 1]);
  return ok ? null : 'This value is not a valid email address.';
}

/** Whether the organization compares customer-user e-mails regardless of case (decision 7; on by default). */
export async function caseInsensitiveEmails(settings: Settings, organizationId: string): Promise<boolean> {
  return (await settings.get<CustomerSettings>(organizationId, 'customer')).caseInsensitiveEmailAddressesEnabled;
}

/**
 * SQL: the customer user `user` has the e-mail `email` (SQL expressions), regardless of case when `caseInsensitive`
 * (an SQL boolean) holds, else exactly. Both go through the lowercase copy, so its index serves either way.
 */
export function sameEmailSql(user: string, email: string, caseInsensitive: string): string {
  return `(${user}.email_lowercase = lower(${email}) AND (${caseInsensitive} OR ${user}.email = ${email}))`;
}

/** The transaction lock of an e-mail in an organization: two creations with the same e-mail wait for each other. */
export function emailLockKey(organizationId: string, email: string): string {
  return `commerce.customer_user.email:${organizationId}:${email.toLowerCase()}`;
}

/**
 * Refuses an e-mail another non-guest customer user of the organization already has (domain §2.1). The comparison is
 * case-insensitive unless the organization switched `caseInsensitiveEmailAddressesEnabled` off (settings `customer`). A transaction lock on the
 * organization and the lowercase e-mail makes two concurrent creations with the same e-mail wait for each other, so
 * the second one sees the first.
 */
export async function requireUniqueEmail(
  store: CommerceStore,
  organizationId: string,
  email: string,
  exceptCustomerUserId: string | null,
  caseInsensitive: boolean,
): Promise<void> {
  await store.lock(emailLockKey(organizationId, email));
  const [taken] = await store.query(
    `SELECT 1 FROM commerce.customer_user u
     WHERE u.organization_id = $1 AND NOT u.is_guest AND u.id <> coalesce($3::bigint, 0) AND ${sameEmailSql('u', '$2', '$4::boolean')}
     LIMIT 1`,
    [organizationId, email, exceptCustomerUserId, caseInsensitive],
  );
  if (taken) throw new BusinessRuleViolation('This email is already used.', { attribute: 'email', constraint: 'unique customer user name and email constraint' });
}
