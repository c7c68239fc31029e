import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { CreateAccount } from '../../contracts/crm';
import { DeleteAccounts } from './delete-accounts.command';
import { UpdateAccount } from './update-account.command';
import { CreateAccounts } from './create-accounts.command';

/** Accounts: the companies the organization sells to (api.md A.4). */
export const accountsResource = defineResource({
  type: 'accounts',
  table: 'crm.account',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: 'name',
  description: 'Accounts: the companies you sell to.',
  attributes: {
    name: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'neq', 'contains', 'starts_with', 'exists'], sort: true, trigramIndexed: true, equalityIndexed: true },
    // Oro's own name (api.md A.4), kept so that its API clients work unchanged.
    extend_description: { type: 'text', column: 'description', description: 'Free-text description of the account.' },
    externalId: { type: 'string', maxLength: 36, filter: ['eq', 'exists'], filterLists: true, sort: true },
    lifetimeValue: {
      type: 'money',
      readOnly: true,
      expression: 'SELECT coalesce(sum(v.amount), 0)::numeric(19, 4) FROM crm.account_lifetime_value v WHERE v.account_id = r.id',
      filter: true,
      sort: true,
      description: 'Lifetime sales value in the base currency: Σ of the current values per channel (see lifetimevalues).',
    },
    lifetimePaidOrderCount: {
      type: 'integer',
      readOnly: true,
      column: 'lifetime_paid_order_count',
      filter: true,
      sort: true,
      description: 'Orders paid in full and not cancelled of the account’s commerce customers (Σ of their counts; kept by a background job).',
    },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    owner: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
    contacts: { type: 'contacts', cardinality: 'many', through: { table: 'crm.account_contact', from: 'account_id', to: 'contact_id' }, filter: true },
    defaultContact: { type: 'contacts', cardinality: 'one' },
    referredBy: { type: 'accounts', cardinality: 'one', filter: true },
    // Named as its route: GET /admin/api/accounts/{id}/lifetimevalues.
    lifetimevalues: { type: 'lifetimevalues', cardinality: 'many', inverseColumn: 'account_id', readOnly: true },
  },
  writes: {
    createMany: (inputs, caller) => new CreateAccounts(caller, inputs),
    create: (input, caller) =>
      new CreateAccount(caller.organizationId, String(input.attributes.name), {
        ownerId: input.relationships.owner === undefined ? caller.userId : (input.relationships.owner as string | null),
        description: input.attributes.extend_description as string | null | undefined,
        externalId: input.attributes.externalId as string | null | undefined,
        defaultContactId: input.relationships.defaultContact as string | null | undefined,
        referredById: input.relationships.referredBy as string | null | undefined,
        contactIds: input.relationships.contacts as string[] | undefined,
      }),
    update: (id, input, caller) => new UpdateAccount(caller.organizationId, id, input),
    delete: (ids, caller) => new DeleteAccounts(caller.organizationId, ids),
  },
});
