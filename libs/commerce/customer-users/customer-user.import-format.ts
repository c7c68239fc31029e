import { defineImportFormat } from '../../platform';
import { MatchCustomerUserEmails } from './match-customer-user-emails';

/**
 * Customer users in CSV (domain.md §6.2, Oro's headers): found by ID, else by e-mail, compared as the API's
 * uniqueness compares them (regardless of case unless the organization switched it off), so rows of one file with
 * the same new e-mail make one user (the later rows replace the earlier); roles by code. A new user without roles
 * gets the Buyer role, the default of registration (the module's rule for any creation without roles).
 */
export const customerUserImportFormat = defineImportFormat({
  type: 'customerusers',
  idColumn: 'ID',
  identity: ['email'],
  identityMatch: (caller, _attribute, values) => new MatchCustomerUserEmails(caller.organizationId, values),
  columns: [
    { header: 'Name Prefix', attribute: 'namePrefix' },
    { header: 'First Name', attribute: 'firstName', example: 'Amanda' },
    { header: 'Middle Name', attribute: 'middleName' },
    { header: 'Last Name', attribute: 'lastName', example: 'Cole' },
    { header: 'Name Suffix', attribute: 'nameSuffix' },
    { header: 'Birthday', attribute: 'birthday', example: '1985-04-12' },
    { header: 'Email Address', attribute: 'email', example: 'amanda.cole@example.com' },
    { header: 'Customer Id', relationship: 'customer', notFound: 'Customer with ID "{value}" was not found', example: '1' },
    { header: 'Customer Name', relationship: 'customer', by: 'name', notFound: 'Customer with name "{value}" was not found' },
    { header: 'Roles {n} Role', relationship: 'roles', by: 'role', notFound: 'Role "{value}" was not found', example: 'ROLE_FRONTEND_BUYER' },
    { header: 'Enabled', attribute: 'enabled', example: '1' },
    { header: 'Confirmed', attribute: 'confirmed', example: '1' },
    { header: 'Owner Id', relationship: 'owner', notFound: 'User with ID "{value}" was not found', example: '1' },
    { header: 'Guest', attribute: 'isGuest', example: '0' },
  ],
});
