import { BusinessRuleViolation, type Directory } from '../../platform';

/**
 * The organization self-registration and password resets act in. Oro takes it from the website; this product has no
 * websites, so the storefront serves one organization: the first enabled one (the one created at installation).
 */
export async function storefrontOrganization(directory: Directory): Promise<string> {
  const [first] = await directory.enabledOrganizationIds();
  if (!first) throw BusinessRuleViolation.of('access denied exception', 'The storefront is closed.', { forbidden: true, pointer: '/data' });
  return first;
}

/**
 * Who owns what registration creates: the `customer.defaultCustomerOwner` setting, else the organization's first
 * administrator (as the setting describes), else its first user.
 */
export async function registrationOwner(directory: Directory, organizationId: string, configured: string | null): Promise<string> {
  if (configured) return configured;
  const owner = await directory.firstAdministrator(organizationId);
  if (!owner) throw BusinessRuleViolation.of('access denied exception', 'The storefront is closed.', { forbidden: true, pointer: '/data' });
  return owner;
}
