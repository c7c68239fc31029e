import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TransactionRunner } from '../../libs/platform';
import { type TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, seedIdentities } from '../identity/auth-helpers';
import { uploadCsv } from '../import-export/import-helpers';
import { CreateCustomerUsersHandler } from '../../libs/commerce/customer-users/create-customer-users.handler';

/** The rules of the customer-user import (domain §6.2, decision 7): e-mail identity as the organization's setting says, default role. */
describe('customer-user CSV import', () => {
  let t: TestApp;
  let admin: string;
  let ids: Awaited<ReturnType<typeof seedIdentities>>;
  let customerId: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-cu-import-'));
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);
  const setting = (caseInsensitive: boolean) =>
    api(t, admin, 'PATCH', '/admin/api/settings/customer', { data: { type: 'settings', id: 'customer', attributes: { caseInsensitiveEmailAddressesEnabled: caseInsensitive } } });

  async function importCsv(lines: string[], fields: Record<string, string> = {}) {
    const started = await uploadCsv(t, admin, 'customerusers', lines.join('\n'), fields);
    expect(started.status).toBe(202);
    await t.drain(120_000);
    const done = await api(t, admin, 'GET', `/admin/api/asyncoperations/${started.json.data.id}`);
    const errors = await api(t, admin, 'GET', `/admin/api/asyncoperations/${started.json.data.id}/errors?page[size]=-1`);
    return { summary: done.json.data.attributes.summary, errors: errors.json.data.map((e: { attributes: { detail: string } }) => e.attributes.detail).sort() };
  }
  const users = (like: string) =>
    sql(
      `SELECT u.email, u.first_name AS "firstName", coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.id IS NOT NULL), '{}') AS roles
       FROM commerce.customer_user u LEFT JOIN commerce.customer_user_to_role ur ON ur.customer_user_id = u.id LEFT JOIN commerce.customer_user_role r ON r.id = ur.role_id
       WHERE u.email ILIKE $1 AND u.organization_id = $2 GROUP BY u.id ORDER BY u.id`,
      [like, ids.orgA],
    );

  beforeAll(async () => {
    t = await createTestApp({ modules: ['crm', 'commerce'], env: { DATA_DIR: dataDir } });
    ids = await seedIdentities(t);
    await t.drain();
    admin = await login(t, 'admin@acme.test');
    const customer = await api(t, admin, 'POST', '/admin/api/customers', { data: { type: 'customers', attributes: { name: 'CU Import Co' } } });
    customerId = customer.json.data.id;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds customer users by e-mail regardless of case by default, in the database and inside the file', async () => {
    const header = 'First Name,Last Name,Email Address,Customer Id,Roles 1 Role';
    expect((await importCsv([header, `Cas,One,Case.One@cu.test,${customerId},ROLE_FRONTEND_BUYER`])).summary).toMatchObject({ createCount: 1, errorCount: 0 });
    const { summary, errors } = await importCsv([
      header,
      `Cas,Again,case.one@CU.TEST,${customerId},`,
      `New,First,New.Two@cu.test,${customerId},ROLE_FRONTEND_BUYER`,
      `New,Second,new.two@cu.test,${customerId},`,
    ]);
    expect(errors).toEqual([]);
    expect(summary).toMatchObject({ readCount: 3, createCount: 1, updateCount: 2, errorCount: 0 });
    // One user each; a replacing row writes its e-mail as spelled in the file, like its other filled cells.
    expect(await users('case.one@cu.test')).toEqual([{ email: 'case.one@CU.TEST', firstName: 'Cas', roles: ['ROLE_FRONTEND_BUYER'] }]);
    expect(await users('new.two@cu.test')).toEqual([{ email: 'new.two@cu.test', firstName: 'New', roles: ['ROLE_FRONTEND_BUYER'] }]);
  });

  it('compares e-mails exactly when the organization switched case-insensitive e-mails off', async () => {
    expect((await setting(false)).status).toBe(200);
    try {
      const { summary, errors } = await importCsv(['First Name,Last Name,Email Address,Customer Id,Roles 1 Role', `Cas,Exact,CASE.ONE@cu.test,${customerId},ROLE_FRONTEND_BUYER`]);
      expect(errors).toEqual([]);
      expect(summary).toMatchObject({ createCount: 1, updateCount: 0 });
      expect((await users('case.one@cu.test')).map((u: { email: string }) => u.email)).toEqual(['case.one@CU.TEST', 'CASE.ONE@cu.test']);
    } finally {
      await sql(`DELETE FROM commerce.customer_user WHERE email = 'CASE.ONE@cu.test'`);
      expect((await setting(true)).status).toBe(200);
    }
  });

  it('gives a new customer user imported without roles the default role of registration (Buyer); an existing one keeps its roles', async () => {
    await sql(`INSERT INTO commerce.customer_user_to_role (customer_user_id, role_id)
               SELECT u.id, r.id FROM commerce.customer_user u, commerce.customer_user_role r
               WHERE u.email = 'case.one@CU.TEST' AND r.organization_id = u.organization_id AND r.role = 'ROLE_FRONTEND_ADMINISTRATOR'`);
    const { summary, errors } = await importCsv([
      'First Name,Last Name,Email Address,Customer Id,Enabled',
      `No,Roles,no.roles@cu.test,${customerId},1`,
      `Cas,Kept,case.one@cu.test,${customerId},1`,
    ]);
    expect(errors).toEqual([]);
    expect(summary).toMatchObject({ createCount: 1, updateCount: 1 });
    expect(await users('no.roles@cu.test')).toEqual([{ email: 'no.roles@cu.test', firstName: 'No', roles: ['ROLE_FRONTEND_BUYER'] }]);
    expect((await users('case.one@cu.test'))[0].roles).toEqual(['ROLE_FRONTEND_ADMINISTRATOR', 'ROLE_FRONTEND_BUYER']);
  });

  it('creates the new users of a chunk together, with hashed passwords; a refused row gets the answer of a single creation', async () => {
    const together = jest.spyOn(CreateCustomerUsersHandler.prototype, 'execute');
    try {
      const header = 'First Name,Last Name,Email Address,Customer Id,Roles 1 Role,Roles 2 Role,Birthday';
      const rows = Array.from({ length: 5 }, (_, i) => `Set,User${i},set.user${i}@cu.test,${customerId},ROLE_FRONTEND_BUYER,ROLE_FRONTEND_ADMINISTRATOR,1990-01-0${i + 1}`);
      const { summary, errors } = await importCsv([header, ...rows]);
      expect(errors).toEqual([]);
      expect(summary).toMatchObject({ readCount: 5, createCount: 5, errorCount: 0 });
      expect(together).toHaveBeenCalledTimes(1);
      await expect(together.mock.results[0].value).resolves.toHaveLength(5);
      const stored = await sql(
        `SELECT count(*)::int AS n, count(DISTINCT password_hash)::int AS hashes, bool_and(password_hash LIKE '$argon2id$%') AS argon2,
                bool_and(email_lowercase = lower(email)) AS lowercase, bool_and(enabled AND confirmed AND NOT is_guest) AS defaults,
                bool_and(owner_id IS NOT NULL) AS owned
         FROM commerce.customer_user WHERE email LIKE 'set.user%@cu.test'`,
      );
      expect(stored).toEqual([{ n: 5, hashes: 5, argon2: true, lowercase: true, defaults: true, owned: true }]);
      expect((await users('set.user0@cu.test'))[0].roles).toEqual(['ROLE_FRONTEND_ADMINISTRATOR', 'ROLE_FRONTEND_BUYER']);

      // A birthday in the future refuses the set; the rows are then written one by one and only that row is refused.
      together.mockClear();
      const refused = await importCsv([
        header,
        `Ok,One,ok.one@cu.test,${customerId},,,`,
        `Bad,Birthday,bad.birthday@cu.test,${customerId},,,2999-01-01`,
        `Ok,Two,ok.two@cu.test,${customerId},,,`,
      ]);
      expect(refused.errors).toEqual(['Error in row #2. Birthday: The birth date cannot be in the future.']);
      expect(refused.summary).toMatchObject({ readCount: 3, createCount: 2, errorCount: 1 });
      expect(together).toHaveBeenCalledTimes(1);
      expect((await users('ok.%@cu.test')).map((u: { roles: string[] }) => u.roles)).toEqual([['ROLE_FRONTEND_BUYER'], ['ROLE_FRONTEND_BUYER']]);
    } finally {
      together.mockRestore();
    }
  });
});
