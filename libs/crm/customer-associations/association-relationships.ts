import type { RelationshipDefinition } from '../../platform';

export const B2B_CUSTOMER_TARGET = 'crm.b2bcustomer';

/**
 * `account` and `b2bCustomer` of a record attached to a customer association (opportunities, leads): read through the
 * association, set by the module's commands (see `resolveAssociation`).
 */
export function associationRelationships(): Record<'account' | 'b2bCustomer', RelationshipDefinition> {
  return {
    account: {
      type: 'accounts',
      cardinality: 'one',
      filter: true,
      expression: 'SELECT ca.account_id FROM crm.customer_association ca WHERE ca.id = r.customer_association_id',
    },
    b2bCustomer: {
      type: 'b2bcustomers',
      cardinality: 'one',
      filter: true,
      expression: `SELECT ca.target_id::bigint FROM crm.customer_association ca
        WHERE ca.id = r.customer_association_id AND ca.target_type = '${B2B_CUSTOMER_TARGET}'`,
    },
  };
}
