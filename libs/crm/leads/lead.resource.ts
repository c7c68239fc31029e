import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { TEXT_255 } from '../shared/attribute-kinds';
import { associationRelationships } from '../customer-associations/association-relationships';
import { itemsAttribute, primaryItemAttribute } from '../shared/contact-items';
import { SaveLead } from './save-lead.command';

/**
 * Leads: prospects not yet qualified. Status `new` → `qualified` (when converted into an opportunity) or `canceled`
 * (disqualified: PATCH the status).
 */
export const leadsResource = defineResource({
  type: 'leads',
  table: 'crm.lead',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: 'name',
  description: 'Leads. Disqualify with status (leadstatuses) "canceled"; create an opportunity with this lead to convert (qualify) it.',
  attributes: {
    name: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'contains', 'starts_with'], sort: true },
    namePrefix: TEXT_255,
    firstName: { ...TEXT_255, filter: ['eq', 'contains'], sort: true },
    middleName: TEXT_255,
    lastName: { ...TEXT_255, filter: ['eq', 'contains'], sort: true },
    nameSuffix: TEXT_255,
    jobTitle: TEXT_255,
    companyName: { ...TEXT_255, filter: ['eq', 'contains'], sort: true },
    website: { ...TEXT_255, validate: (v) => (/^https?:\/\/[^\s]+$/i.test(String(v)) ? null : 'This value is not a valid URL (http or https).') },
    numberOfEmployees: { type: 'integer', filter: true, sort: true, validate: (v) => (Number(v) >= 0 ? null : 'This value should be 0 or more.') },
    industry: TEXT_255,
    source: { ...TEXT_255, filter: true },
    twitter: TEXT_255,
    linkedIn: TEXT_255,
    notes: { type: 'text' },
    emails: itemsAttribute('lead', 'email'),
    phones: itemsAttribute('lead', 'phone'),
    primaryEmail: primaryItemAttribute('lead', 'email'),
    primaryPhone: primaryItemAttribute('lead', 'phone'),
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    status: { type: 'leadstatuses', cardinality: 'one', column: 'status', notNull: true, filter: true },
    ...associationRelationships(),
    contact: { type: 'contacts', cardinality: 'one', filter: true },
    owner: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
  writes: {
    create: (input, caller) => new SaveLead(caller, null, input),
    update: (id, input, caller) => new SaveLead(caller, id, input),
  },
});
