import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { TEXT_255 } from '../shared/attribute-kinds';
import { itemsAttribute, primaryItemAttribute } from '../shared/contact-items';
import { CreateContacts } from './create-contacts.command';
import { SaveContact } from './save-contact.command';

/** People at the companies the organization sells to. */
export const contactsResource = defineResource({
  type: 'contacts',
  table: 'crm.contact',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: "coalesce(nullif(trim(concat_ws(' ', r.first_name, r.last_name)), ''), (SELECT e.email FROM crm.contact_email e WHERE e.contact_id = r.id AND e.is_primary))",
  description: 'Contacts: people at the companies you sell to. A contact needs a first name, a last name, an e-mail or a phone.',
  attributes: {
    namePrefix: TEXT_255,
    firstName: { type: 'string', maxLength: 100, filter: ['eq', 'contains', 'starts_with', 'exists'], sort: true },
    middleName: TEXT_255,
    lastName: { type: 'string', maxLength: 100, filter: ['eq', 'contains', 'starts_with', 'exists'], sort: true },
    nameSuffix: TEXT_255,
    gender: { type: 'enum', values: ['male', 'female'], filter: true },
    birthday: { type: 'date', filter: true, sort: true },
    description: { type: 'text' },
    jobTitle: { ...TEXT_255, filter: ['eq', 'contains'] },
    fax: TEXT_255,
    skype: TEXT_255,
    twitter: TEXT_255,
    facebook: TEXT_255,
    googlePlus: TEXT_255,
    linkedIn: TEXT_255,
    emails: itemsAttribute('contact', 'email'),
    phones: itemsAttribute('contact', 'phone'),
    primaryEmail: primaryItemAttribute('contact', 'email'),
    primaryPhone: primaryItemAttribute('contact', 'phone'),
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    // Oro's dictionaries are relationships (`{"type": "contactsources", "id": "website"}`).
    source: { type: 'contactsources', cardinality: 'one', column: 'source', filter: true },
    method: { type: 'contactmethods', cardinality: 'one', column: 'method', filter: true },
    owner: { type: 'users', cardinality: 'one', filter: true },
    assignedTo: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
    createdBy: { type: 'users', cardinality: 'one', readOnly: true, filter: true, description: 'Who created the contact (kept by the system).' },
    updatedBy: { type: 'users', cardinality: 'one', readOnly: true, filter: true, description: 'Who changed the contact last (kept by the system).' },
    reportsTo: { type: 'contacts', cardinality: 'one', filter: true },
    accounts: { type: 'accounts', cardinality: 'many', through: { table: 'crm.account_contact', from: 'contact_id', to: 'account_id' }, filter: true },
    groups: { type: 'contactgroups', cardinality: 'many', through: { table: 'crm.contact_to_group', from: 'contact_id', to: 'group_id' }, filter: true },
  },
  writes: {
    createMany: (inputs, caller) => new CreateContacts(caller, inputs),
    create: (input, caller) => new SaveContact(caller, null, input),
    update: (id, input, caller) => new SaveContact(caller, id, input),
  },
});
