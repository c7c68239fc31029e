import { BusinessRuleViolation } from '../../platform';
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
  await store.lock(`commerce.customer_user.email:${organizationId}:${email.toLowerCase()}`);
  const [taken] = await store.query(
    `SELECT 1 FROM commerce.customer_user
     WHERE organization_id = $1 AND NOT is_guest AND id <> coalesce($3::bigint, 0)
       AND (CASE WHEN $4::boolean THEN email_lowercase = lower($2) ELSE email = $2 END)
     LIMIT 1`,
    [organizationId, email, exceptCustomerUserId, caseInsensitive],
  );
  if (taken) throw new BusinessRuleViolation('This email is already used.', { attribute: 'email', constraint: 'unique customer user name and email constraint' });
}
