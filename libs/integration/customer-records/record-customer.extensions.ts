import { ResourceExtension, defineResourceExtension } from '../../platform';
import { COMMERCE_CUSTOMER } from '../customer-accounts/commerce-customer-identity';
import { AccountOfCustomerRecord, SetRecordCustomer } from './customer-record.messages';

/**
 * `customer` → `customers` on a CRM record attached to a customer association (domain §4.5): the commerce customer the
 * record is for. Its account is the customer's (taken when `account` is left out; a different one is refused); null
 * with an account puts the record back on the account itself.
 */
function recordCustomerExtension(type: 'opportunities' | 'leads', record: 'opportunity' | 'lead'): ResourceExtension {
  return defineResourceExtension({
    type,
    relationships: {
      // CRM's polymorphic `customer` (business customers) also takes commerce customers, as in Oro: the CRM association
      // of a commerce customer is its registered identity.
      customer: { type: 'customers', cardinality: 'one', polymorphic: { types: { [COMMERCE_CUSTOMER]: 'customers' } } },
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
