import { TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, seedIdentities } from './auth-helpers';

/** Roles are remembered between requests (PERMISSIONS_CACHE_MS): changes through the API apply at once, others soon. */
describe('permissions between requests', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedIdentities>>;
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);

  beforeAll(async () => {
    t = await createTestApp({ modules: ['crm'], env: { PERMISSIONS_CACHE_MS: '1500' } });
    ids = await seedIdentities(t);
  });
  afterAll(() => t.close());

  it('applies a role change made through the API from the next request on', async () => {
    const [admin, rep] = [await login(t, 'admin@acme.test'), await login(t, 'rep@acme.test')];
    expect((await api(t, rep, 'GET', '/admin/api/accounts')).status).toBe(200);
    const [{ id: role }] = await sql(`SELECT id::text FROM platform.role WHERE organization_id = $1 AND code = 'SALES_REP'`, [ids.orgA]);
    const emptied = await api(t, admin, 'PATCH', `/admin/api/roles/${role}`, { data: { type: 'roles', id: role, attributes: { permissions: [] } } });
    expect(emptied.status).toBe(200);
    expect((await api(t, rep, 'GET', '/admin/api/accounts')).status).toBe(403);
  });

  it('applies a change made elsewhere (another process) within the cache time', async () => {
    const manager = await login(t, 'manager@acme.test');
    expect((await api(t, manager, 'GET', '/admin/api/accounts')).status).toBe(200);
    await sql(`UPDATE platform.user_account SET enabled = false WHERE id = $1`, [ids.managerA]);
    expect((await api(t, manager, 'GET', '/admin/api/accounts')).status).toBe(200); // still remembered
    // A cache time well above a slow machine's pause between two requests, so "still remembered" cannot flake.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await api(t, manager, 'GET', '/admin/api/accounts')).status).toBe(401);
  });
});
