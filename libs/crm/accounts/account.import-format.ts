import { defineImportFormat } from '../../platform';

/** Accounts in CSV: found by Id, else by Name (Oro's identity). */
export const accountImportFormat = defineImportFormat({
  type: 'accounts',
  idColumn: 'Id',
  identity: ['name'],
  columns: [
    { header: 'Name', attribute: 'name', example: 'Acme Wholesale' },
    { header: 'Description', attribute: 'extend_description' },
    { header: 'Owner Id', relationship: 'owner', notFound: 'User with ID "{value}" was not found', example: '1' },
    { header: 'Referred By Id', relationship: 'referredBy', notFound: 'Account with ID "{value}" was not found' },
  ],
});
