import { defineImportColumns } from '../../platform';

/**
 * `Account Id` on customers' CSV (domain.md §6.1 [INT]): an existing account links the customer to it; an unknown one
 * refuses the row; empty, the customer gets an account as on any other creation.
 */
export const customerAccountImportColumns = defineImportColumns({
  type: 'customers',
  columns: [{ header: 'Account Id', relationship: 'account', notFound: 'Unable to find related account for customer "{name}".' }],
});
