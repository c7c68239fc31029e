import { defineResourceExtension } from '../../platform';
import { AccountForCustomerOpportunity, SetOpportunityCustomer } from './customer-opportunity.messages';

/**
 * `opportunities.customer` → `customers` (domain §4.5): an opportunity for a commerce customer. Its account is the
 * customer's (taken when `account` is left out; a different one is refused); null puts it back on the account itself.
 */
export const opportunityCustomerExtension = defineResourceExtension({
  type: 'opportunities',
  relationships: {
    customer: {
      type: 'customers',
      cardinality: 'one',
      expression: '(SELECT ca.customer_id FROM integration.customer_account ca WHERE ca.association_id = r.customer_association_id)',
      filter: true,
      description: "The commerce customer the opportunity is for (its account is the customer's).",
    },
  },
  prepare: (input, caller) => new AccountForCustomerOpportunity(caller.organizationId, (input.relationships.customer as string | null) ?? null),
  writes: {
    created: (id, input, caller) =>
      input.relationships.customer ? new SetOpportunityCustomer(caller.organizationId, id, input.relationships.customer as string) : undefined,
    updated: (id, input, caller) => new SetOpportunityCustomer(caller.organizationId, id, (input.relationships.customer as string | null) ?? null),
  },
});
