import { BusinessRuleViolation } from '../../platform';
import type { CommerceStore } from '../shared/commerce-store';

/**
 * The organization self-registration and password resets act in. Oro takes it from the website; this product has no
 * websites, so the storefront serves one organization: the first enabled one (the one created at installation).
 */
export async function storefrontOrganization(store: CommerceStore): Promise<string> {
  const [row] = await store.query(`SELECT id::text AS id FROM platform.organization WHERE enabled ORDER BY id LIMIT 1`);
  if (!row) throw BusinessRuleViolation.of('access denied exception', 'The storefront is closed.', { forbidden: true, pointer: '/data' });
  return row.id;
}

/**
 * Who owns what registration creates: the `customer.defaultCustomerOwner` setting, else the organization's first
 * administrator (as the setting describes), else its first user.
 */
export async function registrationOwner(store: CommerceStore, organizationId: string, configured: string | null): Promise<string> {
  if (configured) return configured;
  const [row] = await store.query(
    `SELECT u.id::text AS id FROM platform.user_account u
     WHERE u.organization_id = $1
     ORDER BY EXISTS (SELECT 1 FROM platform.user_role ur JOIN platform.role r ON r.id = ur.role_id
                      WHERE ur.user_id = u.id AND r.code = 'ADMINISTRATOR') DESC, u.id
     LIMIT 1`,
    [organizationId],
  );
  if (!row) throw BusinessRuleViolation.of('access denied exception', 'The storefront is closed.', { forbidden: true, pointer: '/data' });
  return row.id;
}
