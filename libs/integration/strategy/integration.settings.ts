import { z } from 'zod';
import { defineSettingsSection } from '../../platform';

export type CustomerAccountStrategy = 'each' | 'root';

/** Oro's `oro_customer_account_bridge.customer_account_settings` (domain §4.3), per organization. */
export const integrationSettings = defineSettingsSection({
  name: 'integration',
  description: 'CRM and Commerce: which account commerce customers belong to.',
  fields: {
    customerAccountStrategy: {
      schema: z.enum(['each', 'root']),
      default: 'each',
      description:
        '"each": every customer has its own account. "root": a customer belongs to its root customer\'s account. Changing it reassigns every customer in the background (switching back to "each" restores the accounts customers had before).',
    },
  },
});
