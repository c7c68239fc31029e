import type { RelationshipDefinition } from '../../platform';

export const B2B_CUSTOMER_TARGET = 'crm.b2bcustomer';

const ASSOCIATION = 'SELECT ca.%s FROM crm.customer_association ca WHERE ca.id = r.customer_association_id';

/**
 * `account` and `customer` of a record attached to a customer association (opportunities, leads), as Oro names them:
 * read through the association, set by the module's commands (see `CustomerAssociations.resolve`). `customer` is the
 * association's target: a business customer here; other modules add their customer types (the integration's
 * commerce `customers`). A record on the account itself has no customer.
 */
export function associationRelationships(): Record<'account' | 'customer', RelationshipDefinition> {
  return {
    account: {
      type: 'accounts',
      cardinality: 'one',
      filter: true,
      expression: ASSOCIATION.replace('%s', 'account_id'),
    },
    customer: {
      type: 'b2bcustomers',
      cardinality: 'one',
      filter: true,
      expression: ASSOCIATION.replace('%s', 'target_id::bigint'),
      polymorphic: { discriminator: ASSOCIATION.replace('%s', 'target_type'), types: { [B2B_CUSTOMER_TARGET]: 'b2bcustomers' } },
      description: 'The customer the record is for (a business customer, or with the integration a commerce customer); null when it is on the account itself.',
    },
  };
}
