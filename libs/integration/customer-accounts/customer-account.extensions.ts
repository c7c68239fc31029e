import { defineResourceExtension } from '../../platform';
import { LinkCustomerToAccount, LinkCustomersToAccounts, MoveCustomerToAccount } from './customer-account.commands';

/**
 * `customers.account` (api.md A.4, with the integration): left out on create, a new account named after the customer
 * is made in the same request; never null; changing it moves the customer and its CRM records to that account.
 */
export const customerAccountExtension = defineResourceExtension({
  type: 'customers',
  relationships: {
    account: {
      type: 'accounts',
      cardinality: 'one',
      expression: '(SELECT ca.account_id FROM integration.customer_account ca WHERE ca.customer_id = r.id)',
      notNull: true,
      filter: true,
      description: 'The CRM account of the customer. Left out on create: a new account named after the customer.',
    },
  },
  writes: {
    created: (id, input, caller) => new LinkCustomerToAccount(caller.organizationId, id, (input.relationships.account as string | undefined) ?? null),
    createdMany: (ids, inputs, caller) =>
      new LinkCustomersToAccounts(caller.organizationId, ids, inputs.map((input) => (input.relationships.account as string | undefined) ?? null), true),
    updated: (id, input, caller) => new MoveCustomerToAccount(caller.organizationId, id, input.relationships.account as string),
  },
});

/** `accounts.customers`: the account's commerce customers, read-only (set it from the customer's side). */
export const accountCustomersExtension = defineResourceExtension({
  type: 'accounts',
  relationships: {
    customers: {
      type: 'customers',
      cardinality: 'many',
      through: { table: 'integration.customer_account', from: 'account_id', to: 'customer_id' },
      readOnly: true,
      filter: true,
      description: "The account's commerce customers (read-only: choose a customer's account on the customer).",
    },
  },
});
