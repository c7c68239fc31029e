import { AttributeDefinition, ResourceDefinition, TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { ADDRESS_OWNERS, AddressOwner } from './address-owner';
import { typesAttribute } from './address-types';
import { SaveAddress } from './address.commands';
import { COUNTRY_CODES } from './country-codes';

const TEXT: AttributeDefinition = { type: 'string', maxLength: 255 };
const SEARCHABLE: AttributeDefinition = { ...TEXT, filter: ['eq', 'contains', 'starts_with'], sort: true };

/** One definition for the addresses of customers and of customer users (domain §1.13). */
function addressResource(owner: AddressOwner): ResourceDefinition {
  return defineResource({
    type: owner.type,
    table: owner.table,
    apis: ['admin'],
    ownerColumn: 'owner_id',
    title: "coalesce(nullif(trim(r.label), ''), concat_ws(', ', r.street, r.postal_code || ' ' || r.city, r.country_code))",
    description:
      `Addresses of a ${owner.noun}. Country, street, city and postal code are required, and a first and last name or an ` +
      `organization. Each address type (billing, shipping) is the default on at most one address of a ${owner.noun}.`,
    attributes: {
      label: SEARCHABLE,
      namePrefix: TEXT,
      firstName: SEARCHABLE,
      middleName: TEXT,
      lastName: SEARCHABLE,
      nameSuffix: TEXT,
      organization: { ...SEARCHABLE, description: 'The company name of the address (not the tenant).' },
      street: { type: 'string', maxLength: 500, required: true, filter: ['eq', 'contains'] },
      street2: { type: 'string', maxLength: 500 },
      city: { ...SEARCHABLE, required: true },
      postalCode: { ...TEXT, required: true, filter: ['eq', 'starts_with'], sort: true },
      country: {
        type: 'string',
        column: 'country_code',
        required: true,
        filter: true,
        sort: true,
        validate: (v) => (COUNTRY_CODES.has(String(v)) ? null : 'This value is not a valid country: use an ISO 3166-1 alpha-2 code such as "US".'),
        description: 'ISO 3166-1 alpha-2 code, e.g. "US".',
      },
      region: {
        type: 'string',
        column: 'region_code',
        maxLength: 16,
        filter: true,
        validate: (v) => (/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(String(v)) ? null : 'This value is not a valid region: use an ISO 3166-2 code such as "US-NY".'),
        description: 'ISO 3166-2 code of a region of the country, e.g. "US-NY".',
      },
      regionText: { ...TEXT, description: 'The region as free text, for countries without region codes.' },
      phone: TEXT,
      primary: { type: 'boolean', column: 'is_primary', filter: true, description: 'One address of an owner is primary: setting it clears the others.' },
      types: typesAttribute(owner),
      ...TIMESTAMP_ATTRIBUTES,
    },
    relationships: {
      [owner.relationship]: { type: owner.ownerType, cardinality: 'one', column: owner.column, required: true, filter: true, description: 'Cannot change after create.' },
      owner: { type: 'users', cardinality: 'one', filter: true },
      systemOrganization: { type: 'organizations', cardinality: 'one', column: 'organization_id', readOnly: true },
    },
    writes: {
      create: (input, caller) => new SaveAddress(ADDRESS_OWNERS[owner.type], caller, null, input),
      update: (id, input, caller) => new SaveAddress(ADDRESS_OWNERS[owner.type], caller, id, input),
    },
  });
}

export const customerAddressesResource = addressResource(ADDRESS_OWNERS.customeraddresses);
export const customerUserAddressesResource = addressResource(ADDRESS_OWNERS.customeruseraddresses);
