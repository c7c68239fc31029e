import { z } from 'zod';
import { defineSettingsSection } from '../../platform';
import { taskProgress, taskProgressSchema } from '../shared/task-progress';

export type CustomerAccountStrategy = 'each' | 'root';

const PROGRESS_FIELDS = 'state (running/finished), done and total customers, startedAt, updatedAt, finishedAt, customersPerSecond';

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
  status: {
    fields: {
      linkExistingCustomers: {
        schema: taskProgressSchema,
        description: `Read-only: the linking of the customers that existed before the integration was enabled (null: never ran here): ${PROGRESS_FIELDS}.`,
      },
      reassignCustomerAccounts: {
        schema: taskProgressSchema,
        description: `Read-only: the reassignment of every customer after the last strategy switch (null: never switched): ${PROGRESS_FIELDS}.`,
      },
    },
    read: (organizationId, db) => taskProgress.read(db, organizationId),
  },
});
