import { DICTIONARY_OPTIONS } from '../../../migrations/crm/1763900001700-crm-dictionaries';
import { OPPORTUNITY_STATUSES } from '../opportunities/opportunity-statuses';

/**
 * The option lists of CRM's enum fields (Oro's enums and dictionaries), by resource type: the ids are what the fields
 * take, the names are Oro's labels. The lists are those the migration installed for the read-only dictionary resources.
 */
export const DICTIONARIES = {
  leadstatuses: { view: 'lead_status', field: 'leads.status', options: DICTIONARY_OPTIONS.lead_status },
  opportunitystatuses: { view: 'opportunity_status', field: 'opportunities.status', options: DICTIONARY_OPTIONS.opportunity_status },
  opportunityclosereasons: { view: 'opportunity_close_reason', field: 'opportunities.closeReason', options: DICTIONARY_OPTIONS.opportunity_close_reason },
  contactsources: { view: 'contact_source', field: 'contacts.source', options: DICTIONARY_OPTIONS.contact_source },
  contactmethods: { view: 'contact_method', field: 'contacts.method', options: DICTIONARY_OPTIONS.contact_method },
};

export type DictionaryType = keyof typeof DICTIONARIES;

/** The ids of a dictionary: the values its enum field accepts. */
export function dictionaryValues(type: DictionaryType): string[] {
  return DICTIONARIES[type].options.map(([id]) => id);
}

// The opportunity statuses also drive probabilities and closing; both lists must name the same statuses.
if (dictionaryValues('opportunitystatuses').join() !== OPPORTUNITY_STATUSES.join()) throw new Error('opportunity statuses out of step');
