import { addableRows, backOfficeMatrix, backOfficeRows, storefrontMatrix, withCell } from './permission-matrix';

describe('the role permission matrix', () => {
  it('reads back-office grants, a * permission filling its row, the highest level winning', () => {
    const matrix = backOfficeMatrix.parse([
      { resource: 'module:crm', permission: '*', level: 'own' },
      { resource: 'module:crm', permission: 'VIEW', level: 'organization' },
      { resource: 'users', permission: 'VIEW', level: 'organization' },
    ]);
    expect(Object.fromEntries(matrix.get('module:crm')!)).toEqual({ VIEW: 'organization', CREATE: 'own', EDIT: 'own', DELETE: 'own', ASSIGN: 'own' });
    expect(Object.fromEntries(matrix.get('users')!)).toEqual({ VIEW: 'organization' });
  });

  it('writes a row whose cells agree as one * grant and the others cell by cell', () => {
    const administrator = [{ resource: '*', permission: '*', level: 'organization' }];
    expect(backOfficeMatrix.serialize(backOfficeMatrix.parse(administrator))).toEqual(administrator);
    const changed = withCell(backOfficeMatrix.parse(administrator), '*', 'DELETE', 'own');
    expect(backOfficeMatrix.serialize(withCell(changed, 'accounts', 'VIEW', 'own'))).toEqual([
      { resource: '*', permission: 'VIEW', level: 'organization' },
      { resource: '*', permission: 'CREATE', level: 'organization' },
      { resource: '*', permission: 'EDIT', level: 'organization' },
      { resource: '*', permission: 'DELETE', level: 'own' },
      { resource: '*', permission: 'ASSIGN', level: 'organization' },
      { resource: 'accounts', permission: 'VIEW', level: 'own' },
    ]);
    expect(backOfficeMatrix.serialize(withCell(backOfficeMatrix.parse([{ resource: 'users', permission: 'VIEW', level: 'own' }]), 'users', 'VIEW', undefined))).toEqual([]);
  });

  it('reads storefront grants into a row per entity and leaves none out when writing', () => {
    const matrix = storefrontMatrix.parse([{ entity: 'orders', permission: 'VIEW', accessLevel: 'user' }]);
    expect([...matrix.keys()]).toEqual(['customers', 'customeraddresses', 'customerusers', 'customeruseraddresses', 'customeruserroles', 'orders']);
    expect(storefrontMatrix.levels('orders')).toEqual(['none', 'user', 'department', 'corporate']);
    const changed = withCell(withCell(matrix, 'orders', 'CREATE', 'department'), 'customers', 'VIEW', 'none');
    expect(storefrontMatrix.serialize(changed)).toEqual([
      { entity: 'orders', permission: 'VIEW', accessLevel: 'user' },
      { entity: 'orders', permission: 'CREATE', accessLevel: 'department' },
    ]);
  });

  it('shows the rows a back-office role grants on and the added ones; offers the modules and types it has no row for', () => {
    const label = (row: string) => row;
    const matrix = backOfficeMatrix.parse([
      { resource: 'module:crm', permission: 'VIEW', level: 'own' },
      { resource: 'users', permission: 'VIEW', level: 'organization' },
    ]);
    const rows = backOfficeRows(matrix, ['leads', 'module:commerce'], label);
    expect(rows).toEqual(['*', 'module:commerce', 'module:crm', 'leads', 'users']);
    const modules = new Map([
      ['accounts', 'crm'],
      ['leads', 'crm'],
      ['customers', 'commerce'],
      ['users', 'platform'],
    ]);
    expect(addableRows(rows, ['users', 'accounts', 'leads', 'customers'], modules, label)).toEqual(['accounts', 'customers', 'settings']);
    expect(addableRows(['*'], ['users'], modules, label)).toEqual(['module:commerce', 'module:crm', 'settings', 'users']);
  });
});
