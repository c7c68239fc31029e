import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { AcceptConsent, DeclineConsents } from './consent.commands';

const URL_PATTERN = /^https?:\/\/\S+$/;

/** Back office: the consents customer users are asked to accept (Oro's `consents`). */
export const consentsResource = defineResource({
  type: 'consents',
  table: 'commerce.consent',
  apis: ['admin'],
  title: 'name',
  description: 'Consents customer users accept on the storefront (a text or a link). Mandatory active consents must be accepted at registration.',
  attributes: {
    name: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'contains'], sort: true },
    mandatory: { type: 'boolean', filter: true, description: 'Default true: registration needs it accepted (while it is active).' },
    content: { type: 'text', description: 'The text to accept (or give a url).' },
    url: {
      type: 'string',
      maxLength: 2048,
      validate: (v) => (URL_PATTERN.test(String(v)) ? null : 'This value is not a valid URL.'),
      description: 'A page with the text to accept (or give content).',
    },
    active: { type: 'boolean', filter: true, description: 'Default true. Inactive consents are not shown on the storefront nor required.' },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
});

/** Storefront: the active consents (every customer user may read them). */
export const storefrontConsentsResource = defineResource({
  type: 'consents',
  table: 'commerce.consent',
  apis: ['storefront'],
  title: 'name',
  description: 'The active consents to accept (see consentacceptances).',
  operations: ['list', 'get'],
  frontendOwner: { customer: 'NULL', onlyWhere: 'r.active' },
  attributes: {
    name: { ...consentsResource.attributes.name, readOnly: true },
    mandatory: { type: 'boolean', readOnly: true, filter: true },
    content: { type: 'text', readOnly: true },
    url: { type: 'string', readOnly: true },
  },
});

/** Storefront: the caller's acceptances; POST accepts a consent, DELETE declines it (the history keeps both). */
export const consentAcceptancesResource = defineResource({
  type: 'consentacceptances',
  table: 'commerce.consent_acceptance',
  apis: ['storefront'],
  description: "The caller's accepted consents. POST one to accept a consent, DELETE it to decline the consent again.",
  operations: ['list', 'get', 'create', 'delete', 'getRelationship'],
  frontendOwner: { customerUser: 'r.customer_user_id', customer: '(SELECT u.customer_id FROM commerce.customer_user u WHERE u.id = r.customer_user_id)' },
  attributes: { createdAt: { type: 'datetime', readOnly: true, filter: true, sort: true, description: 'When it was accepted.' } },
  relationships: {
    consent: { type: 'consents', cardinality: 'one', required: true, filter: true },
    customerUser: { type: 'customerusers', cardinality: 'one', readOnly: true },
  },
  writes: {
    create: (input, caller) => new AcceptConsent(caller.organizationId, caller.storefront!.customerUserId, input.relationships.consent as string),
    delete: (ids, caller) => new DeclineConsents(caller.storefront!.customerUserId, ids),
  },
});
