import { defineResource } from '../../platform';
import { MergeAccounts } from './merge-accounts.command';
import { MERGE_FIELDS, validateFieldSources } from './merge-fields';

/**
 * `POST /admin/api/accountmerges` merges 2–5 accounts into a master: each field of `fields` is taken from the account
 * named there (else from the master), contacts are united, and everything attached to the other accounts moves to
 * the master before they are deleted. The merge itself is kept as a record.
 */
export const accountMergesResource = defineResource({
  type: 'accountmerges',
  table: 'crm.account_merge',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  operations: ['list', 'get', 'create', 'getRelationship'],
  description: `Account merges. \`fields\` maps ${Object.keys(MERGE_FIELDS).join(', ')} to the id of the account to take it from.`,
  attributes: {
    fields: { type: 'json', column: 'field_sources', validate: validateFieldSources },
    createdAt: { type: 'datetime', readOnly: true, filter: true, sort: true },
  },
  relationships: {
    master: { type: 'accounts', cardinality: 'one', required: true, filter: true },
    accounts: { type: 'accounts', cardinality: 'many', required: true, through: { table: 'crm.account_merge_account', from: 'merge_id', to: 'account_id' } },
    owner: { type: 'users', cardinality: 'one', readOnly: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
  writes: { create: (input, caller) => new MergeAccounts(caller, input) },
});
