import { ResourceExtension, defineResourceExtension } from '../../platform';
import { AccountOfCustomerRecord, SetRecordCustomer } from './customer-record.messages';

/**
 * `customer` → `customers` on a CRM record attached to a customer association (domain §4.5): the commerce customer the
 * record is for. Its account is the customer's (taken when `account` is left out; a different one is refused); null
 * puts the record back on the account itself.
 */
function recordCustomerExtension(type: 'opportunities' | 'leads', record: 'opportunity' | 'lead'): ResourceExtension {
  return defineResourceExtension({
    type,
    relationships: {
      customer: {
        type: 'customers',
        cardinality: 'one',
        expression: '(SELECT ca.customer_id FROM integration.customer_account ca WHERE ca.association_id = r.customer_association_id)',
        filter: true,
        description: `The commerce customer the ${record} is for (its account is the customer's).`,
      },
    },
    prepare: (input, caller) => new AccountOfCustomerRecord(caller.organizationId, (input.relationships.customer as string | null) ?? null),
    writes: {
      created: (id, input, caller) => (input.relationships.customer ? new SetRecordCustomer(caller.organizationId, record, id, input.relationships.customer as string) : undefined),
      updated: (id, input, caller) => new SetRecordCustomer(caller.organizationId, record, id, (input.relationships.customer as string | null) ?? null),
    },
  });
}

export const opportunityCustomerExtension = recordCustomerExtension('opportunities', 'opportunity');
export const leadCustomerExtension = recordCustomerExtension('leads', 'lead');
