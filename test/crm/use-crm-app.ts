import { TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, seedIdentities } from '../identity/auth-helpers';

/** Declares, inside a `describe`, an app with the CRM module only, two organizations, and an administrator's token. */
export function useCrmApp() {
  const state = {} as { t: TestApp; ids: Awaited<ReturnType<typeof seedIdentities>>; admin: string };
  beforeAll(async () => {
    state.t = await createTestApp({ modules: ['crm'] });
    state.ids = await seedIdentities(state.t);
    state.admin = await login(state.t, 'admin@acme.test');
  });
  afterAll(() => state.t.close());
  return {
    state,
    sql: (q: string, p?: unknown[]) => state.t.get(TransactionRunner).manager.query(q, p),
    post: (type: string, attributes: object, relationships: object = {}, token = state.admin) =>
      api(state.t, token, 'POST', `/admin/api/${type}`, { data: { type, attributes, relationships } }),
    patch: (type: string, id: string, attributes: object, relationships: object = {}) =>
      api(state.t, state.admin, 'PATCH', `/admin/api/${type}/${id}`, { data: { type, id, attributes, relationships } }),
    ref: (type: string, id: string) => ({ data: { type, id } }),
  };
}
