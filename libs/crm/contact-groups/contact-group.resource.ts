import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';

/** Groups of contacts ("Sales Group", "Marketing Group"…); labels are unique within the organization. */
export const contactGroupsResource = defineResource({
  type: 'contactgroups',
  table: 'crm.contact_group',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: 'label',
  description: 'Contact groups. Labels are unique in the organization (3 to 255 characters).',
  attributes: {
    label: { type: 'string', required: true, minLength: 3, maxLength: 255, filter: ['eq', 'contains', 'starts_with'], sort: true },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    owner: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
    contacts: { type: 'contacts', cardinality: 'many', through: { table: 'crm.contact_to_group', from: 'group_id', to: 'contact_id' }, filter: true },
  },
});
