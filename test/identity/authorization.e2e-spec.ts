import { TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { PASSWORD, api, login, requestToken, seedIdentities } from './auth-helpers';

describe('authorization: organizations, users, roles', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedIdentities>>;
  const tokens: Record<string, string> = {};
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);

  beforeAll(async () => {
    t = await createTestApp({ modules: [], extraModules: [probeManifest] });
    ids = await seedIdentities(t);
    for (const who of ['admin@acme.test', 'manager@acme.test', 'rep@acme.test', 'admin@beta.test']) tokens[who.split('@')[0] + (who.includes('beta') ? 'B' : 'A')] = await login(t, who);
    await sql(`INSERT INTO probe.person (organization_id, name) VALUES ($1, 'Ann')`, [ids.orgA]);
  });
  afterAll(() => t.close());

  it('shows each administrator only its own organization and its users; never a password or hash', async () => {
    const orgs = await api(t, tokens.adminA, 'GET', '/admin/api/organizations');
    expect(orgs.json.data.map((o: { attributes: { name: string } }) => o.attributes.name)).toEqual(['Acme']);
    const users = await api(t, tokens.adminA, 'GET', '/admin/api/users?include=roles,organization&fields[users]=email,password,roles,organization');
    expect(users.status).toBe(200);
    expect(users.json.data.map((u: { attributes: { email: string } }) => u.attributes.email).sort()).toEqual(['admin@acme.test', 'manager@acme.test', 'rep@acme.test']);
    expect(users.json.included.filter((r: { type: string }) => r.type === 'organizations').map((o: { id: string }) => o.id)).toEqual([ids.orgA]);
    expect(users.body).not.toMatch(/argon2/);
    expect(JSON.stringify(users.json.data)).not.toMatch(/password|secret/i);
    for (const url of [`/admin/api/users/${ids.adminB}`, `/admin/api/organizations/${ids.orgB}`, `/admin/api/users/${ids.adminB}/roles`]) {
      expect((await api(t, tokens.adminA, 'GET', url)).status).toBe(404);
    }
    expect((await api(t, tokens.adminA, 'PATCH', `/admin/api/users/${ids.adminB}`, { data: { type: 'users', id: ids.adminB, attributes: { firstName: 'X' } } })).status).toBe(404);
    expect((await api(t, tokens.adminA, 'DELETE', `/admin/api/users?filter[id]=${ids.adminB}`)).status).toBe(204);
    expect(await sql(`SELECT count(*)::int AS n FROM platform.user_account WHERE id = $1`, [ids.adminB])).toEqual([{ n: 1 }]);
  });

  it('lets an administrator create a user whose password works at once (and is stored hashed)', async () => {
    const created = await api(t, tokens.adminA, 'POST', '/admin/api/users', {
      data: { type: 'users', attributes: { email: 'new@acme.test', password: 'a long new password', firstName: 'New' }, relationships: { roles: { data: [{ type: 'roles', id: await roleId(ids.orgA, 'SALES_REP') }] } } },
    });
    expect(created.status).toBe(201);
    expect(created.json.data.attributes.password).toBeUndefined();
    expect(created.json.data.relationships.organization.data).toEqual({ type: 'organizations', id: ids.orgA });
    const [{ password_hash }] = await sql(`SELECT password_hash FROM platform.user_account WHERE email = 'new@acme.test'`);
    expect(password_hash).toMatch(/^\$argon2id\$/);
    expect((await requestToken(t, { grant_type: 'password', client_id: 'backoffice', username: 'new@acme.test', password: 'a long new password' })).status).toBe(200);
    const tooShort = await api(t, tokens.adminA, 'POST', '/admin/api/users', { data: { type: 'users', attributes: { email: 'short@acme.test', password: 'short' } } });
    expect(tooShort.status).toBe(400);
    expect(tooShort.json.errors[0].source.pointer).toBe('/data/attributes/password');
    const duplicate = await api(t, tokens.adminA, 'POST', '/admin/api/users', { data: { type: 'users', attributes: { email: 'ADMIN@beta.test', password: PASSWORD } } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.errors[0]).toMatchObject({ title: 'unique entity constraint', detail: 'This value is already used.', source: { pointer: '/data/attributes/email' } });
  });

  it('keeps non-administrators out of user and role management', async () => {
    for (const who of ['managerA', 'repA']) {
      expect((await api(t, tokens[who], 'GET', '/admin/api/users')).status).toBe(200);
      expect((await api(t, tokens[who], 'PATCH', `/admin/api/users/${ids.adminA}`, { data: { type: 'users', id: ids.adminA, attributes: { enabled: false } } })).status).toBe(403);
      expect((await api(t, tokens[who], 'POST', '/admin/api/roles', { data: { type: 'roles', attributes: { code: 'X', label: 'X' } } })).status).toBe(403);
      expect((await api(t, tokens[who], 'GET', '/admin/api/widgets')).status).toBe(403);
    }
  });

  it('applies a custom role at once: "own" sees and changes only own records', async () => {
    const invalid = await api(t, tokens.adminA, 'POST', '/admin/api/roles', {
      data: { type: 'roles', attributes: { code: 'BROKEN', label: 'Broken', permissions: [{ resource: 'widgets', permission: 'FLY', level: 'own' }] } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors[0].source.pointer).toBe('/data/attributes/permissions');

    const role = await api(t, tokens.adminA, 'POST', '/admin/api/roles', {
      data: { type: 'roles', attributes: { code: 'PROBE_OWN', label: 'Probe (own)', permissions: [{ resource: 'module:probe', permission: '*', level: 'own' }] } },
    });
    expect(role.status).toBe(201);
    expect(role.json.data.attributes.predefined).toBe(false);
    expect((await api(t, tokens.adminA, 'POST', `/admin/api/users/${ids.repA}/relationships/roles`, { data: [{ type: 'roles', id: role.json.data.id }] })).status).toBe(204);

    const mine = await api(t, tokens.repA, 'POST', '/admin/api/widgets', { data: { type: 'widgets', attributes: { name: 'Rep widget' } } });
    expect(mine.status).toBe(201);
    const theirs = await api(t, tokens.adminA, 'POST', '/admin/api/widgets', { data: { type: 'widgets', attributes: { name: 'Admin widget' } } });
    const list = await api(t, tokens.repA, 'GET', '/admin/api/widgets');
    expect(list.json.data.map((w: { attributes: { name: string } }) => w.attributes.name)).toEqual(['Rep widget']);
    expect((await api(t, tokens.repA, 'GET', `/admin/api/widgets/${theirs.json.data.id}`)).status).toBe(404);
    expect((await api(t, tokens.repA, 'PATCH', `/admin/api/widgets/${mine.json.data.id}`, { data: { type: 'widgets', id: mine.json.data.id, attributes: { name: 'Renamed' } } })).status).toBe(200);
    expect((await api(t, tokens.adminA, 'GET', '/admin/api/widgets')).json.data).toHaveLength(2);
    expect((await api(t, tokens.adminB, 'GET', '/admin/api/widgets')).json.data).toHaveLength(0);
  });

  async function roleId(organizationId: string, code: string): Promise<string> {
    const [{ id }] = await sql(`SELECT id::text AS id FROM platform.role WHERE organization_id = $1 AND code = $2`, [organizationId, code]);
    return id;
  }
});
