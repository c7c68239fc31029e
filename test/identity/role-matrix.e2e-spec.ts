import { TransactionRunner, createUser } from '../../libs/platform/runtime';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { PASSWORD, api, login, seedIdentities } from './auth-helpers';

type Level = 'none' | 'own' | 'organization';

/**
 * Role × operation matrix on one resource: a user holding a role with every permission at one level, acting on its
 * own record and on a colleague's (targets B2). One application serves the three levels: each has its own role, user
 * and pair of records, so no level sees what another one changed.
 */
describe('the role matrix on widgets', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedIdentities>>;

  beforeAll(async () => {
    t = await createTestApp({ modules: [], extraModules: [probeManifest] });
    ids = await seedIdentities(t);
  });
  afterAll(() => t.close());

  describe.each<[Level, Record<string, number>]>([
    ['none', { list: 403, getOwn: 404, getOther: 404, create: 403, updateOwn: 404, updateOther: 404, assign: 404, deleteOther: 404 }],
    ['own', { list: 200, getOwn: 200, getOther: 404, create: 201, updateOwn: 200, updateOther: 404, assign: 403, deleteOther: 404 }],
    ['organization', { list: 200, getOwn: 200, getOther: 200, create: 201, updateOwn: 200, updateOther: 200, assign: 403, deleteOther: 204 }],
  ])('a role with level %s', (level, expected) => {
    let token: string;
    let ownId: string;
    let otherId: string;
    let colleagueId: string;

    beforeAll(async () => {
      const db = t.get(TransactionRunner).manager;
      const permissions = ['VIEW', 'CREATE', 'EDIT', 'DELETE'].map((permission) => ({ resource: 'widgets', permission, level }));
      const code = `MATRIX_${level.toUpperCase()}`;
      await db.query(`INSERT INTO platform.role (organization_id, code, label, permissions) VALUES ($1, $2, $2, $3)`, [ids.orgA, code, JSON.stringify(permissions)]);
      const email = `${level}@acme.test`;
      const userId = await createUser(db, { email, password: PASSWORD, organizationId: ids.orgA, roleCodes: [code] });
      colleagueId = ids.managerA;
      const insert = async (owner: string) =>
        (await db.query(`INSERT INTO probe.widget (organization_id, name, owner_user_id) VALUES ($1, 'w', $2) RETURNING id::text AS id`, [ids.orgA, owner]))[0].id;
      ownId = await insert(userId);
      otherId = await insert(ids.managerA);
      token = await login(t, email);
    });

    const patch = (id: string, body: object) => api(t, token, 'PATCH', `/admin/api/widgets/${id}`, { data: { type: 'widgets', id, ...body } });

    it('list, get own/other', async () => {
      expect((await api(t, token, 'GET', '/admin/api/widgets')).status).toBe(expected.list);
      expect((await api(t, token, 'GET', `/admin/api/widgets/${ownId}`)).status).toBe(expected.getOwn);
      expect((await api(t, token, 'GET', `/admin/api/widgets/${otherId}`)).status).toBe(expected.getOther);
    });

    it('create, update own/other, assign to a colleague without ASSIGN, delete other', async () => {
      expect((await api(t, token, 'POST', '/admin/api/widgets', { data: { type: 'widgets', attributes: { name: 'mine' } } })).status).toBe(expected.create);
      expect((await patch(ownId, { attributes: { name: 'renamed' } })).status).toBe(expected.updateOwn);
      expect((await patch(otherId, { attributes: { name: 'renamed' } })).status).toBe(expected.updateOther);
      expect((await patch(ownId, { relationships: { owningUser: { data: { type: 'users', id: colleagueId } } } })).status).toBe(expected.assign);
      expect((await api(t, token, 'DELETE', `/admin/api/widgets/${otherId}`)).status).toBe(expected.deleteOther);
    });
  });
});
