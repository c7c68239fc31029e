import { defineImportFormat } from '../../platform';

/** Contacts in CSV with their e-mails and phones (the first of each is the primary one); found by Id only. */
export const contactImportFormat = defineImportFormat({
  type: 'contacts',
  idColumn: 'Id',
  identity: [],
  columns: [
    { header: 'Name Prefix', attribute: 'namePrefix' },
    { header: 'First Name', attribute: 'firstName', example: 'Amanda' },
    { header: 'Middle Name', attribute: 'middleName' },
    { header: 'Last Name', attribute: 'lastName', example: 'Cole' },
    { header: 'Name Suffix', attribute: 'nameSuffix' },
    { header: 'Gender', attribute: 'gender', example: 'female' },
    { header: 'Birthday', attribute: 'birthday' },
    { header: 'Description', attribute: 'description' },
    { header: 'Job Title', attribute: 'jobTitle', example: 'Buyer' },
    { header: 'Emails {n} Email', attribute: 'emails', item: 'email', example: 'amanda.cole@example.com' },
    { header: 'Phones {n} Phone', attribute: 'phones', item: 'phone', example: '+1 555 0100' },
    { header: 'Owner Id', relationship: 'owner', notFound: 'User with ID "{value}" was not found', example: '1' },
  ],
});
