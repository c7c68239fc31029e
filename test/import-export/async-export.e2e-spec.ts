import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TransactionRunner } from '../../libs/platform';
import { type TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, seedIdentities } from '../identity/auth-helpers';
import { downloadCsv, uploadCsv } from './import-helpers';

/** Asynchronous CSV exports (issue 13 item 3): `POST /admin/api/exports`, then the file of the finished operation. */
describe('asynchronous CSV export', () => {
  let t: TestApp;
  let admin: string;
  let ids: Awaited<ReturnType<typeof seedIdentities>>;
  const customerIds: string[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-export-'));
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);
  const exportOf = (attributes: Record<string, unknown>, token = admin) => api(t, token, 'POST', '/admin/api/exports', { data: { type: 'exports', attributes } });

  beforeAll(async () => {
    // Chunks of 2 records, so a handful of records makes an export of several chunks.
    t = await createTestApp({ modules: ['crm', 'commerce'], env: { DATA_DIR: dataDir, EXPORT_CHUNK_ROWS: '2' } });
    ids = await seedIdentities(t);
    await t.drain();
    admin = await login(t, 'admin@acme.test');
    for (const name of ['Exp Alpha', 'Exp Beta', 'Exp Gamma', 'Exp Delta', '=HYPERLINK("x")']) {
      const created = await api(t, admin, 'POST', '/admin/api/customers', { data: { type: 'customers', attributes: { name } } });
      expect(created.status).toBe(201);
      customerIds.push(created.json.data.id);
    }
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the file the streamed export answers for the same filter and sort, in chunks, formula cells escaped', async () => {
    const started = await exportOf({ entityType: 'customers', filter: { id: customerIds }, sort: '-name' });
    expect(started.status).toBe(202);
    const id = started.json.data.id;
    expect(started.headers['content-location']).toBe(`/admin/api/asyncoperations/${id}`);
    expect(started.json.data.attributes).toMatchObject({ kind: 'export', entityType: 'customers', status: 'new' });
    // Not finished yet: the file is a conflict, not a 404.
    const early = await api(t, admin, 'GET', `/admin/api/asyncoperations/${id}/file`);
    expect(early.status).toBe(409);
    expect(early.json.errors[0].title).toBe('conflict constraint');

    await t.drain();
    const done = await api(t, admin, 'GET', `/admin/api/asyncoperations/${id}`);
    expect(done.json.data.attributes).toMatchObject({ status: 'success', progress: 100, summary: { readCount: 5, errorCount: 0 } });
    const [{ chunks }] = await sql(`SELECT chunk_count AS chunks FROM platform.async_operation WHERE id = $1`, [id]);
    expect(chunks).toBe(3);

    const file = await downloadCsv(t, admin, `/admin/api/asyncoperations/${id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="customers-${id}.csv"`);
    const streamed = await downloadCsv(t, admin, `/admin/api/exports/customers?filter[id]=${customerIds.join(',')}&sort=-name`);
    expect(file.raw.equals(streamed.raw)).toBe(true);
    expect(file.raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const names = file.text.trim().split('\n').slice(1).map((line) => line.split(',')[1]);
    expect(names.filter((name) => name.startsWith('Exp'))).toEqual(['Exp Gamma', 'Exp Delta', 'Exp Beta', 'Exp Alpha']);
    expect(names).toContain(`"'=HYPERLINK(""x"")"`);
    expect(fs.readFileSync(path.join(dataDir, 'exports', `${id}.csv`)).equals(file.raw)).toBe(true);
  });

  it('resumes after the last committed chunk, cutting off what a failed attempt appended', async () => {
    const started = await exportOf({ entityType: 'customers', filter: { id: customerIds }, sort: 'name' });
    const id = started.json.data.id;
    // As if the worker died while writing the last chunk: its rows on disk, its transaction never committed (the
    // chunk's "done" mark fails once; a sequence is not rolled back with the transaction).
    await sql(`CREATE SEQUENCE public.export_crash_once`);
    await sql(`CREATE FUNCTION public.export_crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.operation_id = ${Number(id)} AND NEW.chunk = 3 AND OLD.done_at IS NULL AND NEW.done_at IS NOT NULL AND nextval('public.export_crash_once') = 1 THEN
          RAISE EXCEPTION 'the worker was lost';
        END IF;
        RETURN NEW;
      END $$`);
    await sql(`CREATE TRIGGER export_crash_once BEFORE UPDATE ON platform.async_operation_chunk FOR EACH ROW EXECUTE FUNCTION public.export_crash_once()`);
    try {
      await t.drain();
    } finally {
      await sql(`DROP TRIGGER export_crash_once ON platform.async_operation_chunk`);
    }
    expect(await sql(`SELECT last_value::int AS runs FROM public.export_crash_once`)).toEqual([{ runs: 2 }]);
    const again = await api(t, admin, 'GET', `/admin/api/asyncoperations/${id}`);
    expect(again.json.data.attributes).toMatchObject({ status: 'success', summary: { readCount: 5 } });
    const file = fs.readFileSync(path.join(dataDir, 'exports', `${id}.csv`));
    expect(file.toString().trim().split('\n')).toHaveLength(6);
    const streamed = await downloadCsv(t, admin, `/admin/api/exports/customers?filter[id]=${customerIds.join(',')}&sort=name`);
    expect(file.equals(streamed.raw)).toBe(true);
  });

  it('exports numbered columns as wide as the longest list, like the streamed export', async () => {
    await api(t, admin, 'POST', '/admin/api/contacts', {
      data: { type: 'contacts', attributes: { firstName: 'Ed', lastName: 'Exported', emails: [{ email: 'a@exp.test', primary: true }, { email: 'b@exp.test', primary: false }] } },
    });
    await api(t, admin, 'POST', '/admin/api/contacts', { data: { type: 'contacts', attributes: { firstName: 'Eve', lastName: 'Exported' } } });
    await api(t, admin, 'POST', '/admin/api/contacts', { data: { type: 'contacts', attributes: { firstName: 'Eli', lastName: 'Exported' } } });
    const started = await exportOf({ entityType: 'contacts', filter: { lastName: 'Exported' }, sort: 'firstName' });
    await t.drain();
    const file = await downloadCsv(t, admin, `/admin/api/asyncoperations/${started.json.data.id}/file`);
    const streamed = await downloadCsv(t, admin, '/admin/api/exports/contacts?filter[lastName]=Exported&sort=firstName');
    expect(file.text.split('\n')[0]).toContain('Emails 1 Email,Emails 2 Email');
    expect(file.text).toBe(streamed.text);
  });

  it('pages by sort keys with nulls and ties across chunks in the order of the list route', async () => {
    const birthdays = [null, '1990-01-01', null, '1980-05-05', '1990-01-01', null];
    for (const [i, birthday] of birthdays.entries()) {
      await api(t, admin, 'POST', '/admin/api/contacts', { data: { type: 'contacts', attributes: { firstName: `K${i % 2}`, lastName: 'Keyset', birthday } } });
    }
    for (const sort of ['-birthday,firstName', 'birthday,-firstName', 'birthday']) {
      const started = await exportOf({ entityType: 'contacts', filter: { lastName: 'Keyset' }, sort });
      await t.drain();
      const file = await downloadCsv(t, admin, `/admin/api/asyncoperations/${started.json.data.id}/file`);
      const listed = await api(t, admin, 'GET', `/admin/api/contacts?filter[lastName]=Keyset&sort=${sort}&page[size]=100`);
      expect(file.text.trim().split('\n').slice(1).map((line) => line.split(',')[0])).toEqual(listed.json.data.map((c: { id: string }) => c.id));
    }
  });

  it('describes the export routes in the OpenAPI document, and the module of each resource (for grants on a whole module)', async () => {
    const openapi = JSON.parse((await downloadCsv(t, admin, '/admin/api/doc/openapi.json')).text);
    expect(openapi.paths['/admin/api/exports'].post.operationId).toBe('startExport');
    expect(openapi.paths['/admin/api/exports'].post.requestBody.content['application/vnd.api+json'].schema.properties.data.properties.attributes.properties.entityType.enum.sort()).toEqual([
      'accounts',
      'contacts',
      'customers',
      'customerusers',
    ]);
    expect(openapi.paths['/admin/api/asyncoperations/{id}/file'].get.operationId).toBe('getExportFile');
    const moduleOf = (name: string) => openapi.tags.find((tag: { name: string }) => tag.name === name)?.['x-module'];
    expect([moduleOf('accounts'), moduleOf('customers'), moduleOf('users')]).toEqual(['crm', 'commerce', 'platform']);
  });

  it('tells the kind of each operation, and an import that only checks its rows', async () => {
    const check = await uploadCsv(t, admin, 'customers', 'Name\nOnly Checked\n', { validateOnly: 'true' });
    const real = await uploadCsv(t, admin, 'customers', 'Name\nReally Imported\n');
    // Before the worker splits the file, the flag comes from the stored upload.
    expect(check.json.data.attributes).toMatchObject({ kind: 'import', validateOnly: true });
    expect(real.json.data.attributes).toMatchObject({ kind: 'import', validateOnly: false });
    await t.drain();
    const exported = await exportOf({ entityType: 'customers', filter: { name: 'Really Imported' } });
    await t.drain();
    const attributes = async (id: string) => (await api(t, admin, 'GET', `/admin/api/asyncoperations/${id}`)).json.data.attributes;
    expect(await attributes(check.json.data.id)).toMatchObject({ kind: 'import', validateOnly: true, summary: { createCount: 1 } });
    expect(await attributes(real.json.data.id)).toMatchObject({ kind: 'import', validateOnly: false });
    expect(await attributes(exported.json.data.id)).toMatchObject({ kind: 'export', validateOnly: false, summary: { readCount: 1 } });
  });

  it('refuses a type without a CSV format, a bad filter or sort, extra fields and another data type, as JSON:API errors', async () => {
    const widgets = await exportOf({ entityType: 'widgets' });
    expect(widgets.status).toBe(400);
    expect(widgets.json.errors[0]).toMatchObject({ title: 'entity type constraint', source: { pointer: '/data/attributes/entityType' } });
    const filter = await exportOf({ entityType: 'customers', filter: { nope: 'x' } });
    expect(filter.status).toBe(400);
    expect(filter.json.errors[0]).toMatchObject({ title: 'filter constraint', source: { pointer: '/data/attributes/filter/nope' } });
    const operator = await exportOf({ entityType: 'customers', filter: { name: { gt: { deep: 1 } } } });
    expect(operator.status).toBe(400);
    expect(operator.json.errors[0].source.pointer).toBe('/data/attributes/filter/name/gt');
    const sort = await exportOf({ entityType: 'customers', sort: 'nope' });
    expect(sort.status).toBe(400);
    expect(sort.json.errors[0]).toMatchObject({ title: 'sort constraint', source: { pointer: '/data/attributes/sort' } });
    const extra = await exportOf({ entityType: 'customers', columns: ['Name'] });
    expect(extra.json.errors[0]).toMatchObject({ title: 'extra fields constraint', source: { pointer: '/data/attributes/columns' } });
    const blank = await exportOf({});
    expect(blank.json.errors[0]).toMatchObject({ title: 'not blank constraint', source: { pointer: '/data/attributes/entityType' } });
    const wrongType = await api(t, admin, 'POST', '/admin/api/exports', { data: { type: 'customers', attributes: { entityType: 'customers' } } });
    expect(wrongType.status).toBe(409);
    expect(await sql(`SELECT count(*)::int AS n FROM platform.async_operation WHERE kind = 'export' AND status = 'new'`)).toEqual([{ n: 0 }]);
  });

  it("shows an export and its file to its owner and administrators only, lists the caller's operations, and needs VIEW on the type", async () => {
    const manager = await login(t, 'manager@acme.test');
    const mine = await exportOf({ entityType: 'customers', filter: { name: 'Exp Alpha' } }, manager);
    expect(mine.status).toBe(202);
    await t.drain();
    const id = mine.json.data.id;
    const rep = await login(t, 'rep@acme.test');
    const otherAdmin = await login(t, 'admin@beta.test');
    expect((await downloadCsv(t, manager, `/admin/api/asyncoperations/${id}/file`)).status).toBe(200);
    expect((await downloadCsv(t, admin, `/admin/api/asyncoperations/${id}/file`)).status).toBe(200);
    for (const stranger of [rep, otherAdmin]) {
      expect((await api(t, stranger, 'GET', `/admin/api/asyncoperations/${id}`)).status).toBe(404);
      expect((await downloadCsv(t, stranger, `/admin/api/asyncoperations/${id}/file`)).status).toBe(404);
    }

    // The list: each user sees their own operations (newest first), administrators the organization's.
    const listOf = (token: string) =>
      t.app.inject({ method: 'GET', url: '/admin/api/asyncoperations?filter[kind]=export&sort=-createdAt,-id', headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.api+json', 'x-include': 'totalCount' } });
    const managers = await listOf(manager);
    expect(JSON.parse(managers.body).data.map((o: { id: string }) => o.id)).toEqual([id]);
    expect(managers.headers['x-include-total-count']).toBe('1');
    const admins = JSON.parse((await listOf(admin)).body).data.map((o: { id: string }) => o.id);
    expect(admins[0]).toBe(id);
    expect(admins.length).toBeGreaterThan(1);
    expect(JSON.parse((await listOf(rep)).body).data).toEqual([]);

    // A user without VIEW on the type may not export it.
    const role = await api(t, admin, 'POST', '/admin/api/roles', {
      data: { type: 'roles', attributes: { code: 'ACCOUNTS_ONLY', label: 'Accounts only', permissions: [{ resource: 'accounts', permission: 'VIEW', level: 'organization' }] } },
    });
    await sql(`DELETE FROM platform.user_role WHERE user_id = $1`, [ids.repA]);
    expect((await api(t, admin, 'POST', `/admin/api/users/${ids.repA}/relationships/roles`, { data: [{ type: 'roles', id: role.json.data.id }] })).status).toBe(204);
    const refused = await exportOf({ entityType: 'customers' }, await login(t, 'rep@acme.test'));
    expect(refused.status).toBe(403);
  });
});
