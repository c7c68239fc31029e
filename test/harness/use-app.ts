import { TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from './create-test-app';
import { api, login, seedIdentities } from '../identity/auth-helpers';

/**
 * Declares, inside a `describe`, an app with the given modules (and environment), two organizations (their OrganizationCreated defaults
 * delivered), and an administrator's token, plus short JSON:API helpers.
 */
export function useApp(modules: string[], env: Record<string, string> = {}) {
  const state = {} as { t: TestApp; ids: Awaited<ReturnType<typeof seedIdentities>>; admin: string };
  beforeAll(async () => {
    state.t = await createTestApp({ modules, env });
    state.ids = await seedIdentities(state.t);
    await state.t.drain();
    state.admin = await login(state.t, 'admin@acme.test');
  });
  afterAll(() => state.t.close());
  return {
    state,
    sql: (q: string, p?: unknown[]) => state.t.get(TransactionRunner).manager.query(q, p),
    get: (url: string, token = state.admin) => api(state.t, token, 'GET', url),
    post: (type: string, attributes: object, relationships: object = {}, token = state.admin) =>
      api(state.t, token, 'POST', `/admin/api/${type}`, { data: { type, attributes, relationships } }),
    patch: (type: string, id: string, attributes: object, relationships: object = {}, token = state.admin) =>
      api(state.t, token, 'PATCH', `/admin/api/${type}/${id}`, { data: { type, id, attributes, relationships } }),
    remove: (type: string, id: string, token = state.admin) => api(state.t, token, 'DELETE', `/admin/api/${type}/${id}`),
    ref: (type: string, id: string) => ({ data: { type, id } }),
  };
}
