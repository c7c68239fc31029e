import type { CustomerIdentity } from '../../contracts/crm';

/** How CRM knows a commerce customer: an external customer identity of this type. */
export const COMMERCE_CUSTOMER = 'commerce.customer';

/** The name of the organization's system channel for commerce (Oro: "Commerce channel"). */
export const COMMERCE_CHANNEL_NAME = 'Commerce';

export function commerceCustomerIdentity(organizationId: string, customerId: string): CustomerIdentity {
  return { organizationId, targetType: COMMERCE_CUSTOMER, targetId: customerId };
}
