import fs from 'node:fs';
import path from 'node:path';
import type { TestApp } from '../harness/create-test-app';
import { api, login, type seedIdentities } from '../identity/auth-helpers';
import { downloadCsv, importCsvAndWait, uploadCsv, useImportApp } from './import-helpers';

describe('CSV import and export (issue 13)', () => {
  const app = useImportApp(['crm', 'commerce', 'integration'], { IMPORT_MAX_BYTES: String(1024 * 1024) });
  const { sql, get, dataDir } = app;
  let t: TestApp;
  let admin: string;
  let ids: Awaited<ReturnType<typeof seedIdentities>>;
  beforeAll(() => ({ t, admin, ids } = app.state));

  const importCsv = (type: string, csv: string | Buffer, fields: Record<string, string> = {}, token = admin) => importCsvAndWait(t, token, type, csv, fields);

  const customers = async (like: string) =>
    sql(
      `SELECT c.name, p.name AS parent, g.name AS "group", ca.account_id IS NOT NULL AS "hasAccount"
       FROM commerce.customer c LEFT JOIN commerce.customer p ON p.id = c.parent_id LEFT JOIN commerce.customer_group g ON g.id = c.group_id
       LEFT JOIN integration.customer_account ca ON ca.customer_id = c.id
       WHERE c.name LIKE $1 AND c.organization_id = $2 ORDER BY c.name`,
      [like, ids.orgA],
    );

  it('serves a template per type, with Account Id on customers when the integration is loaded', async () => {
    const template = await downloadCsv(t, admin, '/admin/api/imports/templates/customers');
    expect(template.status).toBe(200);
    expect(template.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(template.text.split('\n')[0]).toBe('Id,Name,Parent Id,Group Name,Owner Id,Tax code,Internal rating Id,Payment term Label,Account Id');
    const users = await downloadCsv(t, admin, '/admin/api/imports/templates/customerusers');
    expect(users.text.split('\n')[0]).toContain('Email Address,Customer Id,Customer Name,Roles 1 Role');
    expect((await downloadCsv(t, admin, '/admin/api/imports/templates/contacts')).text).toContain('Emails 1 Email');
    expect((await downloadCsv(t, admin, '/admin/api/imports/templates/widgets')).status).toBe(404);
    const openapi = JSON.parse((await downloadCsv(t, admin, '/admin/api/doc/openapi.json')).text);
    expect(openapi.paths['/admin/api/imports'].post.operationId).toBe('startImport');
    expect(openapi.paths['/admin/api/exports/{type}'].get.parameters[0].schema.enum.sort()).toEqual(['accounts', 'contacts', 'customers', 'customerusers']);
  });

  it('adds customers with parents later in the file, groups by name, accounts created; reports bad rows and skips them', async () => {
    const [{ id: groupId }] = await sql(`INSERT INTO commerce.customer_group (organization_id, name) VALUES ($1, 'Imp Wholesale') RETURNING id::text AS id`, [ids.orgA]);
    expect(groupId).toBeDefined();
    const csv = [
      '\uFEFFName;Parent Name;Group Name;Account Id',
      'Imp Child;Imp Root;Imp Wholesale;',
      'Imp Grandchild;Imp Child;;',
      'Imp Root;;;',
      '=cmd|calc;;;',
      'Imp Orphan;Imp Nowhere;;',
      'Imp Bad Account;;;999999',
      'Imp Ragged;;',
      ';;;',
    ].join('\r\n');
    const { started, attributes, errors } = await importCsv('customers', csv);
    expect(started.status).toBe(202);
    expect(started.json.data.type).toBe('asyncoperations');
    expect(started.headers['content-location']).toBe(`/admin/api/asyncoperations/${started.json.data.id}`);
    expect(attributes).toMatchObject({ status: 'success', progress: 100, entityType: 'customers', summary: { readCount: 8, createCount: 3, updateCount: 0, errorCount: 5 } });
    expect(errors).toEqual([
      'Error in row #4. Name: The value starts like a spreadsheet formula (=, +, -, @); put an apostrophe before it to import it as text.',
      'Error in row #5. Parent Name: Parent customer with name "Imp Nowhere" was not found',
      'Error in row #6. Account Id: Unable to find related account for customer "Imp Bad Account".',
      'Error in row #7. The row has 3 cells; the header has 4.',
      'Error in row #8. Name: This value should not be blank.',
    ]);
    expect(await customers('Imp %')).toEqual([
      { name: 'Imp Child', parent: 'Imp Root', group: 'Imp Wholesale', hasAccount: true },
      { name: 'Imp Grandchild', parent: 'Imp Child', group: null, hasAccount: true },
      { name: 'Imp Root', parent: null, group: null, hasAccount: true },
    ]);
  });

  it('replaces by identity (Id, else Name) without overwriting with empty cells; refuses cycles inside the file', async () => {
    const [{ id: rootId }] = await sql(`SELECT id::text AS id FROM commerce.customer WHERE name = 'Imp Root'`);
    const csv = ['Id,Name,Parent Name,Group Name', `${rootId},Imp Root Renamed,,`, ',Imp Child,,', ',Cyc A,Cyc B,', ',Cyc B,Cyc A,', 'abc,Imp X,,'].join('\n');
    const { attributes, errors } = await importCsv('customers', csv);
    expect(attributes.summary).toMatchObject({ readCount: 5, createCount: 0, updateCount: 2, errorCount: 3 });
    expect(errors).toEqual([
      'Error in row #3. Parent Name: Circular reference detected in the file: rows #3, #4 are each other\'s parents.',
      'Error in row #4. Parent Name: Circular reference detected in the file: rows #3, #4 are each other\'s parents.',
      'Error in row #5. Id: This value should contain only valid integer.',
    ]);
    // Empty cells of "Imp Child" kept its parent and group.
    expect(await customers('Imp %')).toEqual([
      { name: 'Imp Child', parent: 'Imp Root Renamed', group: 'Imp Wholesale', hasAccount: true },
      { name: 'Imp Grandchild', parent: 'Imp Child', group: null, hasAccount: true },
      { name: 'Imp Root Renamed', parent: null, group: null, hasAccount: true },
    ]);
  });

  it('checks a whole file in validate-only mode and writes nothing', async () => {
    const before = await sql(`SELECT count(*)::int AS n FROM commerce.customer`);
    const csv = ['Name,Parent Name', 'Val Child,Val Root', 'Val Root,', 'Val Bad,Val Missing', 'Imp Child,Val Root'].join('\n');
    const { attributes, errors } = await importCsv('customers', csv, { validateOnly: 'true' });
    expect(attributes.summary).toMatchObject({ readCount: 4, createCount: 2, updateCount: 1, errorCount: 1 });
    expect(errors).toEqual(['Error in row #3. Parent Name: Parent customer with name "Val Missing" was not found']);
    expect(await sql(`SELECT count(*)::int AS n FROM commerce.customer`)).toEqual(before);
    expect(await customers('Imp Child')).toEqual([{ name: 'Imp Child', parent: 'Imp Root Renamed', group: 'Imp Wholesale', hasAccount: true }]);
  });

  it('refuses a whole file it cannot read: Latin-1 bytes, unknown or missing columns, no header; an unclosed quote fails the import', async () => {
    const latin1 = Buffer.concat([Buffer.from('Name\n'), Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), Buffer.from('\n')]);
    const cases: Array<[string | Buffer, string]> = [
      [latin1, 'The file is not UTF-8'],
      ['Name,Colour\nA,red\n', 'Unknown column(s): "Colour"'],
      ['Group Name\nWholesale\n', 'Missing column(s): the file needs "Id" or "Name"'],
      ['', 'The file is empty'],
    ];
    const before = await sql(`SELECT count(*)::int AS n FROM platform.async_operation`);
    for (const [csv, message] of cases) {
      const { status, json } = await uploadCsv(t, admin, 'customers', csv);
      if (!json.errors) throw new Error(`${message}: ${status} ${JSON.stringify(json)}`);
      expect({ status, title: json.errors[0].title }).toEqual({ status: 400, title: 'request data constraint' });
      expect(json.errors[0].detail).toContain(message);
    }
    expect((await uploadCsv(t, admin, 'widgets', 'Name\nx\n')).status).toBe(400);
    expect(await sql(`SELECT count(*)::int AS n FROM platform.async_operation`)).toEqual(before);
    expect(fs.readdirSync(path.join(dataDir, 'imports'))).toEqual([]);
    // The answer comes before the rows are read: a quote never closed is found by the worker, which writes nothing.
    const unclosed = await importCsv('customers', 'Name\nUnclosed A\n"Open quote\nUnclosed B\n');
    expect(unclosed.started.status).toBe(202);
    expect(unclosed.attributes).toMatchObject({ status: 'failed', summary: { readCount: 0, createCount: 0, errorCount: 1 } });
    const [failure] = (await get(`/admin/api/asyncoperations/${unclosed.started.json.data.id}/errors`)).json.data;
    expect(failure.attributes).toMatchObject({ title: 'request data constraint', detail: expect.stringContaining('The file is not valid CSV: a quoted cell is never closed') });
    expect(await customers('Unclosed %')).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'imports'))).toEqual([]);
    // A worker that cannot see the upload (DATA_DIR not shared with the API) fails the import and says why.
    const lost = await uploadCsv(t, admin, 'customers', 'Name\nLost Upload\n');
    expect(lost.status).toBe(202);
    for (const file of fs.readdirSync(path.join(dataDir, 'imports'))) fs.rmSync(path.join(dataDir, 'imports', file));
    await t.drain();
    expect((await get(`/admin/api/asyncoperations/${lost.json.data.id}`)).json.data.attributes).toMatchObject({ status: 'failed', summary: { errorCount: 1 } });
    const [why] = (await get(`/admin/api/asyncoperations/${lost.json.data.id}/errors`)).json.data;
    expect(why.attributes.detail).toBe('The uploaded file cannot be found by the worker (DATA_DIR must be shared with the API).');
    expect(await customers('Lost %')).toEqual([]);
  });

  // B5's 1 GB file, scaled down: a file over IMPORT_MAX_BYTES (1 MiB here) is refused whole while it streams in.
  it('refuses a file larger than IMPORT_MAX_BYTES with 413, storing nothing, and keeps serving', async () => {
    const before = await sql(`SELECT count(*)::int AS n FROM platform.async_operation`);
    const big = `Name\n${'Too big customer\n'.repeat(70_000)}`;
    const { status, json } = await uploadCsv(t, admin, 'customers', big);
    expect(status).toBe(413);
    expect(json.errors[0]).toMatchObject({ status: '413', title: 'request entity too large http exception' });
    expect(await sql(`SELECT count(*)::int AS n FROM platform.async_operation`)).toEqual(before);
    expect(fs.readdirSync(path.join(dataDir, 'imports'))).toEqual([]);
    expect((await get('/admin/api/customers?page[size]=1')).status).toBe(200);
  });

  it('imports customer users by e-mail with roles by code; duplicate new e-mails in one file make one user', async () => {
    const csv = [
      'First Name,Last Name,Email Address,Customer Name,Roles 1 Role,Roles 2 Role,Enabled',
      'Ann,Old,ann@imp.test,Imp Child,ROLE_FRONTEND_BUYER,,1',
      'Ann,New,ann@imp.test,Imp Child,ROLE_FRONTEND_BUYER,ROLE_FRONTEND_ADMINISTRATOR,1',
      'Bob,Nobody,bob@imp.test,Imp Child,ROLE_NOPE,,1',
    ].join('\n');
    const { attributes, errors } = await importCsv('customerusers', csv);
    expect(attributes.summary).toMatchObject({ readCount: 3, createCount: 1, updateCount: 1, errorCount: 1 });
    expect(errors).toEqual(['Error in row #3. Roles 1 Role: Role "ROLE_NOPE" was not found']);
    const users = await sql(
      `SELECT u.last_name AS "lastName", array_agg(r.role ORDER BY r.role) AS roles FROM commerce.customer_user u
       JOIN commerce.customer_user_to_role ur ON ur.customer_user_id = u.id JOIN commerce.customer_user_role r ON r.id = ur.role_id
       WHERE u.email = 'ann@imp.test' GROUP BY u.id`,
    );
    expect(users).toEqual([{ lastName: 'New', roles: ['ROLE_FRONTEND_ADMINISTRATOR', 'ROLE_FRONTEND_BUYER'] }]);
  });

  it('exports what the list API answers for the same filters, formula cells escaped, and imports back to the same records', async () => {
    await api(t, admin, 'POST', '/admin/api/customers', { data: { type: 'customers', attributes: { name: '=HYPERLINK("x")' } } });
    const exported = await downloadCsv(t, admin, '/admin/api/exports/customers?filter[name][starts_with]=Imp');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="customers.csv"');
    expect(exported.raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = exported.text.trim().split('\n');
    expect(lines[0]).toBe('Id,Name,Parent Id,Group Name,Owner Id,Tax code,Internal rating Id,Payment term Label,Account Id');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['Imp Root Renamed', 'Imp Child', 'Imp Grandchild']);
    const formula = await downloadCsv(t, admin, '/admin/api/exports/customers?filter[name]=%3DHYPERLINK(%22x%22)');
    expect(formula.text.split('\n')[1]).toContain(`'=HYPERLINK(""x"")`);

    const before = await customers('Imp %');
    await sql(`UPDATE commerce.customer SET name = name || ' (changed)', parent_id = NULL, group_id = NULL WHERE name LIKE 'Imp %'`);
    const { attributes } = await importCsv('customers', exported.text);
    expect(attributes.summary).toMatchObject({ readCount: 3, createCount: 0, updateCount: 3, errorCount: 0 });
    expect(await customers('Imp %')).toEqual(before);
    const again = await importCsv('customers', formula.text);
    expect(again.attributes.summary).toMatchObject({ readCount: 1, updateCount: 1, errorCount: 0 });
  });

  it('round-trips contacts with their e-mails and phones, and accounts', async () => {
    await api(t, admin, 'POST', '/admin/api/contacts', {
      data: { type: 'contacts', attributes: { firstName: 'Rita', lastName: 'Round', emails: [{ email: 'b@rt.test', primary: false }, { email: 'a@rt.test', primary: true }], phones: [{ phone: '+1 555 0101', primary: true }] } },
    });
    const exported = await downloadCsv(t, admin, '/admin/api/exports/contacts?filter[lastName]=Round');
    expect(exported.text.split('\n')[0]).toContain('Emails 1 Email,Emails 2 Email,Phones 1 Phone');
    await sql(`DELETE FROM crm.contact_email WHERE email = 'b@rt.test'`);
    const { attributes } = await importCsv('contacts', exported.text);
    expect(attributes.summary).toMatchObject({ readCount: 1, updateCount: 1, errorCount: 0 });
    const [contact] = (await get('/admin/api/contacts?filter[lastName]=Round')).json.data;
    expect(contact.attributes.primaryEmail).toBe('a@rt.test');
    expect(contact.attributes.emails.map((e: { email: string }) => e.email).sort()).toEqual(['a@rt.test', 'b@rt.test']);
    const accounts = await importCsv('accounts', 'Name,Description\nImp Account,First\nImp Account,Second\n');
    expect(accounts.attributes.summary).toMatchObject({ readCount: 2, createCount: 1, updateCount: 1 });
    // Added together (CreateAccounts), with what a single create gives an account: its account-level association.
    expect(
      await sql(`SELECT ac.description, count(a.id)::int AS associations FROM crm.account ac
                 LEFT JOIN crm.customer_association a ON a.account_id = ac.id AND a.target_type IS NULL
                 WHERE ac.name = 'Imp Account' GROUP BY ac.id`),
    ).toEqual([{ description: 'Second', associations: 1 }]);
  });

  it('under the "root" strategy, links new children to their root\'s account: a root of the file, and a stored root that had none (its identity moved)', async () => {
    const strategy = (value: string) =>
      api(t, admin, 'PATCH', '/admin/api/settings/integration', { data: { type: 'settings', id: 'integration', attributes: { customerAccountStrategy: value } } });
    expect((await strategy('root')).status).toBe(200);
    // A customer stored without an account (written before the integration, not linked yet).
    const [{ id: storedRoot }] = await sql(
      `INSERT INTO commerce.customer (organization_id, name) VALUES ($1, 'Str Stored Root') RETURNING id::text AS id`,
      [ids.orgA],
    );
    await sql(`UPDATE commerce.customer SET path = ARRAY[id] WHERE id = $1`, [storedRoot]);
    // Its CRM identity registered already (on an account of its own): it moves to the account the root gets.
    const [{ id: oldAccount }] = await sql(`INSERT INTO crm.account (organization_id, name) VALUES ($1, 'Str Old Account') RETURNING id::text AS id`, [ids.orgA]);
    await sql(`INSERT INTO crm.customer_association (organization_id, account_id, target_type, target_id) VALUES ($1, $2, 'commerce.customer', $3)`, [
      ids.orgA,
      oldAccount,
      storedRoot,
    ]);
    const csv = ['Name,Parent Name', 'Str Child,Str Root', 'Str Root,', 'Str Grandchild,Str Child', 'Str Stored Child,Str Stored Root'].join('\n');
    const { attributes } = await importCsv('customers', csv);
    expect(attributes.summary).toMatchObject({ readCount: 4, createCount: 4, errorCount: 0 });
    const links: Array<{ name: string; account: string; identity: string | null }> = await sql(
      `SELECT c.name, ca.account_id::text AS account, a.account_id::text AS identity FROM commerce.customer c
       JOIN integration.customer_account ca ON ca.customer_id = c.id
       LEFT JOIN crm.customer_association a ON a.target_type = 'commerce.customer' AND a.target_id = c.id::text AND a.organization_id = c.organization_id
       WHERE c.name LIKE 'Str %' AND c.organization_id = $1 ORDER BY c.name`,
      [ids.orgA],
    );
    const account = Object.fromEntries(links.map((l) => [l.name, l.account]));
    expect(Object.keys(account)).toEqual(['Str Child', 'Str Grandchild', 'Str Root', 'Str Stored Child', 'Str Stored Root']);
    expect([account['Str Child'], account['Str Grandchild']]).toEqual([account['Str Root'], account['Str Root']]);
    expect(account['Str Stored Child']).toBe(account['Str Stored Root']);
    expect(account['Str Stored Root']).not.toBe(account['Str Root']);
    expect(account['Str Stored Root']).not.toBe(oldAccount);
    // Every customer's CRM identity is on the account it is linked to.
    expect(links.map((l) => l.identity)).toEqual(links.map((l) => l.account));
    expect((await strategy('each')).status).toBe(200);
  });

  it('keeps imports to users allowed to create the type, and shows an import to its owner and administrators only', async () => {
    const role = await api(t, admin, 'POST', '/admin/api/roles', {
      data: { type: 'roles', attributes: { code: 'VIEWER', label: 'Viewer', permissions: [{ resource: 'customers', permission: 'VIEW', level: 'organization' }] } },
    });
    await sql(`DELETE FROM platform.user_role WHERE user_id = $1`, [ids.repA]);
    expect((await api(t, admin, 'POST', `/admin/api/users/${ids.repA}/relationships/roles`, { data: [{ type: 'roles', id: role.json.data.id }] })).status).toBe(204);
    const viewer = await login(t, 'rep@acme.test');
    const refused = await uploadCsv(t, viewer, 'customers', 'Name\nNot Allowed\n');
    expect(refused.status).toBe(403);
    const manager = await login(t, 'manager@acme.test');
    const mine = await uploadCsv(t, manager, 'customers', 'Name\nManager Import\n');
    expect(mine.status).toBe(202);
    await t.drain();
    expect((await get(`/admin/api/asyncoperations/${mine.json.data.id}`, manager)).status).toBe(200);
    expect((await get(`/admin/api/asyncoperations/${mine.json.data.id}`)).status).toBe(200);
    expect((await get(`/admin/api/asyncoperations/${mine.json.data.id}`, viewer)).status).toBe(404);
    expect((await get(`/admin/api/asyncoperations/${mine.json.data.id}`, await login(t, 'admin@beta.test'))).status).toBe(404);
  });
});
