import { TestApp, createTestApp } from '../harness/create-test-app';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { PASSWORD, requestToken, seedIdentities } from './auth-helpers';

/** `POST /oauth2-token/revoke` (RFC 7009): how the console signs out. */
describe('token revocation: POST /oauth2-token/revoke', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ modules: [], extraModules: [probeManifest] });
    await seedIdentities(t);
  });
  afterAll(() => t.close());

  async function revoke(body: Record<string, string>, form = false) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/oauth2-token/revoke',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      payload: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    });
    return { status: response.statusCode, json: JSON.parse(response.body), headers: response.headers };
  }

  const signIn = () => requestToken(t, { grant_type: 'password', client_id: 'backoffice', username: 'manager@acme.test', password: PASSWORD });

  it('revokes a refresh token, which can then no longer be exchanged', async () => {
    for (const form of [false, true]) {
      const { json } = await signIn();
      const revoked = await revoke({ client_id: 'backoffice', token: json.refresh_token, token_type_hint: 'refresh_token' }, form);
      expect(revoked).toMatchObject({ status: 200, json: {} });
      expect(revoked.headers['cache-control']).toBe('no-store');
      const refreshed = await requestToken(t, { grant_type: 'refresh_token', client_id: 'backoffice', refresh_token: json.refresh_token });
      expect(refreshed.status).toBe(400);
      expect(refreshed.json.error).toBe('invalid_grant');
    }
  });

  it('answers 200 for an unknown or already revoked token, and leaves other clients’ tokens alone', async () => {
    expect((await revoke({ client_id: 'backoffice', token: 'no-such-token' })).status).toBe(200);
    const { json } = await signIn();
    expect((await revoke({ client_id: 'storefront', token: json.refresh_token })).status).toBe(200);
    const refreshed = await requestToken(t, { grant_type: 'refresh_token', client_id: 'backoffice', refresh_token: json.refresh_token });
    expect(refreshed.status).toBe(200);
  });

  it.each([
    [{ client_id: 'unknown', token: 'x' }, 401, 'invalid_client'],
    [{ client_id: 'backoffice' }, 400, 'invalid_request'],
    [{ client_id: 'backoffice', token: 'x', token_type_hint: 'id_token' }, 400, 'unsupported_token_type'],
  ])('refuses %j with %i %s', async (body, status, error) => {
    const response = await revoke(body as Record<string, string>);
    expect(response.status).toBe(status);
    expect(response.json).toEqual({ error, error_description: expect.any(String) });
  });
});
