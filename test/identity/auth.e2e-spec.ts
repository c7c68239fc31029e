import { SignJWT } from 'jose';
import { TransactionRunner, createOAuthClient } from '../../libs/platform/runtime';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { PASSWORD, api, login, requestToken, seedIdentities } from './auth-helpers';

describe('authentication: POST /oauth2-token and bearer tokens', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedIdentities>>;
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);

  beforeAll(async () => {
    t = await createTestApp({ modules: [], extraModules: [probeManifest] });
    ids = await seedIdentities(t);
  });
  afterAll(() => t.close());

  it('issues a bearer token and a refresh token for the password grant, from JSON or a form', async () => {
    for (const form of [false, true]) {
      const { status, json, headers } = await requestToken(t, { grant_type: 'password', client_id: 'backoffice', username: 'ADMIN@acme.test', password: PASSWORD }, form);
      expect(status).toBe(200);
      expect(headers['cache-control']).toBe('no-store');
      expect(json).toEqual({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String), refresh_token: expect.any(String) });
    }
    expect((await sql(`SELECT last_login_at IS NOT NULL AS seen FROM platform.user_account WHERE id = $1`, [ids.adminA]))[0].seen).toBe(true);
  });

  it.each([
    [{ grant_type: 'password', client_id: 'backoffice', username: 'admin@acme.test', password: 'wrong password' }, 400, 'invalid_grant'],
    [{ grant_type: 'password', client_id: 'backoffice', username: 'nobody@acme.test', password: PASSWORD }, 400, 'invalid_grant'],
    [{ grant_type: 'password', client_id: 'backoffice', username: 'admin@acme.test' }, 400, 'invalid_request'],
    [{ grant_type: 'password', client_id: 'unknown', username: 'admin@acme.test', password: PASSWORD }, 401, 'invalid_client'],
    [{ grant_type: 'authorization_code', client_id: 'backoffice' }, 400, 'unsupported_grant_type'],
    [{ client_id: 'backoffice' }, 400, 'invalid_request'],
    [{ grant_type: 'client_credentials', client_id: 'backoffice' }, 400, 'unauthorized_client'],
    // U+0000, which PostgreSQL's text cannot hold, is no value at all.
    [{ grant_type: 'password', client_id: 'backoffice', username: 'admin\u0000@acme.test', password: PASSWORD }, 400, 'invalid_request'],
    [{ grant_type: 'password', client_id: 'back\u0000office', username: 'admin@acme.test', password: PASSWORD }, 401, 'invalid_client'],
  ])('refuses %j with %i %s', async (body, status, error) => {
    const response = await requestToken(t, body as Record<string, string>, false, '10.0.0.9');
    expect(response.status).toBe(status);
    expect(response.json).toEqual({ error, error_description: expect.any(String) });
  });

  it('answers a malformed body with an OAuth2 error, not a 500', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/oauth2-token', headers: { 'content-type': 'application/json' }, payload: '{"grant_type":' });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error).toBe('invalid_request');
  });

  it('rotates refresh tokens: a used one is refused', async () => {
    const first = await requestToken(t, { grant_type: 'password', client_id: 'backoffice', username: 'manager@acme.test', password: PASSWORD });
    const refreshed = await requestToken(t, { grant_type: 'refresh_token', client_id: 'backoffice', refresh_token: first.json.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.refresh_token).not.toBe(first.json.refresh_token);
    expect((await api(t, refreshed.json.access_token, 'GET', '/admin/api/users/' + ids.managerA)).status).toBe(200);
    const reused = await requestToken(t, { grant_type: 'refresh_token', client_id: 'backoffice', refresh_token: first.json.refresh_token });
    expect(reused.status).toBe(400);
    expect(reused.json.error).toBe('invalid_grant');
  });

  it('lets a confidential client act for its user with client_credentials', async () => {
    const { clientId, clientSecret } = await createOAuthClient(t.get(TransactionRunner).manager, { name: 'ERP sync', kind: 'backoffice', organizationId: ids.orgA, userId: ids.managerA });
    const granted = await requestToken(t, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    expect(granted.status).toBe(200);
    expect(granted.json.refresh_token).toBeUndefined();
    const me = await api(t, granted.json.access_token, 'GET', `/admin/api/users/${ids.managerA}`);
    expect(me.status).toBe(200);
    expect((await requestToken(t, { grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong' })).status).toBe(401);
    expect((await requestToken(t, { grant_type: 'password', client_id: clientId, client_secret: clientSecret, username: 'manager@acme.test', password: PASSWORD })).status).toBe(400);
  });

  it('keeps back-office and storefront tokens apart', async () => {
    const backOffice = await login(t, 'admin@acme.test');
    expect((await api(t, backOffice, 'GET', '/api/widgets')).status).toBe(401);
    const { clientId, clientSecret } = await createOAuthClient(t.get(TransactionRunner).manager, { name: 'Shop', kind: 'storefront', organizationId: ids.orgA, userId: null });
    const storefront = (await requestToken(t, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })).json.access_token;
    const refused = await api(t, storefront, 'GET', '/admin/api/users');
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    expect((await api(t, storefront, 'GET', '/api/widgets')).status).toBe(403);
  });

  it('refuses missing, forged, foreign and expired tokens with 401', async () => {
    const valid = await login(t, 'admin@acme.test');
    const [{ secret }] = await sql(`SELECT secret FROM platform.signing_key`);
    const sign = (key: string, expires: string | number) =>
      new SignJWT({ org: ids.orgA, knd: 'backoffice', cid: 'backoffice' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('b2b-customer-management')
        .setSubject(ids.adminA)
        .setExpirationTime(expires)
        .sign(new TextEncoder().encode(key));
    const tokens = [null, 'not-a-jwt', `${valid.slice(0, -4)}AAAA`, await sign('another secret entirely', '1h'), await sign(secret, Math.floor(Date.now() / 1000) - 10)];
    for (const token of tokens) {
      const { status, json } = await api(t, token, 'GET', '/admin/api/users');
      expect(status).toBe(401);
      expect(json.errors[0].status).toBe('401');
    }
    expect((await api(t, await sign(secret, '1h'), 'GET', '/admin/api/users')).status).toBe(200);
  });

  it('stops honouring the tokens of a disabled user at once', async () => {
    const token = await login(t, 'rep@acme.test');
    await sql(`UPDATE platform.user_account SET enabled = false WHERE id = $1`, [ids.repA]);
    try {
      expect((await api(t, token, 'GET', '/admin/api/users')).status).toBe(401);
      expect((await requestToken(t, { grant_type: 'password', client_id: 'backoffice', username: 'rep@acme.test', password: PASSWORD }, false, '10.0.0.7')).status).toBe(400);
    } finally {
      await sql(`UPDATE platform.user_account SET enabled = true WHERE id = $1`, [ids.repA]);
    }
  });

  it('rate-limits failed logins per account and per IP address', async () => {
    const attempt = (username: string, password: string, ip: string) =>
      requestToken(t, { grant_type: 'password', client_id: 'backoffice', username, password }, false, ip);
    for (let i = 0; i < 5; i++) expect((await attempt('manager@acme.test', 'bad password', `10.1.0.${i}`)).status).toBe(400);
    const locked = await attempt('manager@acme.test', PASSWORD, '10.1.0.99');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json.error).toBe('too_many_requests');
    expect((await attempt('admin@acme.test', PASSWORD, '10.1.0.99')).status).toBe(200);

    for (let i = 0; i < 30; i++) await attempt(`guess${i}@acme.test`, 'bad password', '10.2.0.1');
    expect((await attempt('admin@acme.test', PASSWORD, '10.2.0.1')).status).toBe(429);
    expect((await attempt('admin@acme.test', PASSWORD, '10.2.0.2')).status).toBe(200);
  });
});
