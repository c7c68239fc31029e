import { PREDEFINED_ROLES, accessLevel, type PermissionGrant } from './role-permissions';

describe('access level of a caller’s grants', () => {
  const grants: PermissionGrant[] = [
    { resource: 'accounts', permission: 'VIEW', level: 'own' },
    { resource: 'module:crm', permission: 'VIEW', level: 'organization' },
    { resource: 'contacts', permission: '*', level: 'own' },
  ];

  it('takes the highest level any grant gives: by type, by module, or for every permission', () => {
    expect(accessLevel(grants, 'accounts', 'crm', 'VIEW')).toBe('organization');
    expect(accessLevel(grants, 'contacts', 'crm', 'DELETE')).toBe('own');
    expect(accessLevel(grants, 'accounts', 'crm', 'EDIT')).toBe('none');
  });

  it('gives nothing for a module the grant does not name, or a resource of no module', () => {
    expect(accessLevel(grants, 'customers', 'commerce', 'VIEW')).toBe('none');
    expect(accessLevel(grants, 'users', undefined, 'VIEW')).toBe('none');
  });

  it('lets `*` stand for every resource', () => {
    expect(accessLevel([{ resource: '*', permission: '*', level: 'organization' }], 'anything', undefined, 'ASSIGN')).toBe('organization');
  });

  it('gives the predefined sales rep its own records and a view of the customer tree', () => {
    const rep = PREDEFINED_ROLES.find((r) => r.code === 'SALES_REP')!.permissions;
    expect(accessLevel(rep, 'accounts', 'crm', 'EDIT')).toBe('own');
    expect(accessLevel(rep, 'customers', 'commerce', 'VIEW')).toBe('organization');
    expect(accessLevel(rep, 'roles', undefined, 'EDIT')).toBe('none');
  });
});
