import { z } from 'zod';
import { defineSettingsSection } from '../../platform';

const flag = (byDefault: boolean, description: string) => ({ schema: z.boolean(), default: byDefault, description });

/** Oro's `oro_customer.*` settings (domain §8), per organization. */
export const customerSettings = defineSettingsSection({
  name: 'customer',
  description: 'Customers: storefront registration, customer-user e-mail rules and the default owner.',
  fields: {
    registrationAllowed: flag(true, 'Customer users may sign up on the storefront.'),
    confirmationRequired: flag(true, 'A self-registered customer user must confirm the e-mail address before signing in.'),
    companyNameFieldEnabled: flag(true, 'Registration asks for a company name, used as the new customer\'s name (else "First Last").'),
    caseInsensitiveEmailAddressesEnabled: flag(
      true,
      'Customer-user e-mails are unique and looked up regardless of case. It cannot be switched on while e-mails that differ only in case exist.',
    ),
    emailEnumerationProtectionEnabled: flag(true, 'Registration with an e-mail already in use looks successful (the owner of the e-mail is notified).'),
    autoLoginAfterRegistration: flag(false, 'Sign the customer user in right after registration (or confirmation).'),
    defaultCustomerOwner: {
      schema: z.string().regex(/^\d{1,18}$/, 'This value should be a user id.').nullable(),
      default: null,
      user: true,
      description: 'Id of the back-office user who owns self-registered customers and customer users (null: the organization\'s first administrator).',
    },
  },
  async check(change, organizationId, db) {
    const refused: Record<string, string> = {};
    if (change.caseInsensitiveEmailAddressesEnabled === true) {
      const [{ count }] = await db.query(
        `SELECT count(*)::int AS count FROM (
           SELECT email_lowercase FROM commerce.customer_user WHERE organization_id = $1 AND NOT is_guest
           GROUP BY email_lowercase HAVING count(DISTINCT email) > 1) d`,
        [organizationId],
      );
      if (count > 0) {
        refused.caseInsensitiveEmailAddressesEnabled =
          `${count} e-mail address(es) are used by several customer users in different cases; make them unique first (filter customerusers by email).`;
      }
    }
    return refused;
  },
});

/** The values of the section, as `Settings.get(organizationId, 'customer')` returns them. */
export interface CustomerSettings {
  registrationAllowed: boolean;
  confirmationRequired: boolean;
  companyNameFieldEnabled: boolean;
  caseInsensitiveEmailAddressesEnabled: boolean;
  emailEnumerationProtectionEnabled: boolean;
  autoLoginAfterRegistration: boolean;
  defaultCustomerOwner: string | null;
}
