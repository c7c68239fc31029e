import { defineImportFormat } from '../../platform';

/** Customers in CSV (domain.md §6.1, Oro's headers): found by Id, else by Name; parents by id or by name. */
export const customerImportFormat = defineImportFormat({
  type: 'customers',
  idColumn: 'Id',
  identity: ['name'],
  hierarchy: { relationship: 'parent', idHeader: 'Parent Id', nameHeader: 'Parent Name', nameAttribute: 'name', ownNameHeader: 'Name' },
  columns: [
    { header: 'Name', attribute: 'name', example: 'Acme Wholesale' },
    { header: 'Parent Id', relationship: 'parent', notFound: 'Parent customer with ID "{value}" was not found' },
    { header: 'Parent Name', relationship: 'parent', by: 'name', importOnly: true, notFound: 'Parent customer with name "{value}" was not found' },
    { header: 'Group Name', relationship: 'group', by: 'name', notFound: 'Customer group "{value}" was not found', example: 'Wholesale' },
    { header: 'Owner Id', relationship: 'owner', notFound: 'User with ID "{value}" was not found', example: '1' },
    { header: 'Tax code', relationship: 'taxCode', by: 'code', notFound: 'Tax code "{value}" was not found' },
    { header: 'Internal rating Id', relationship: 'internal_rating', notFound: 'Internal rating "{value}" was not found', example: '3_of_5' },
    { header: 'Payment term Label', relationship: 'paymentTerm', by: 'label', notFound: 'Payment term "{value}" was not found' },
  ],
});
