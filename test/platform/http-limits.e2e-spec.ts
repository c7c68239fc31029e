import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, seedIdentities } from '../identity/auth-helpers';
import { JSON_API } from '../json-api/json-api-helpers';

/** A raw request to the listening server (Node's parser refusals never reach `inject`). */
function rawRequest(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: any }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, json: JSON.parse(body) }));
    });
    request.on('error', reject);
  });
}

function expectErrorDocument(response: { headers: Record<string, unknown>; json: any }, status: number, title: string) {
  expect(response.headers['content-type']).toBe(JSON_API);
  expect(response.json).toEqual({ errors: [expect.objectContaining({ status: String(status), title, detail: expect.any(String) })] });
}

describe('limits and framework refusals', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp({ modules: [], env: { API_MAX_PAGE_SIZE: '3' } });
    await seedIdentities(t);
    admin = await login(t, 'admin@acme.test');
  });
  afterAll(() => t.close());

  describe('page[size]', () => {
    it('above API_MAX_PAGE_SIZE is a 400 naming the parameter', async () => {
      for (const size of ['4', '100000000']) {
        const response = await api(t, admin, 'GET', `/admin/api/users?page[size]=${size}`);
        expect(response.status).toBe(400);
        expect(response.json.errors).toEqual([
          { status: '400', title: 'value constraint', detail: 'The value should be less than or equals to 3.', source: { parameter: 'page[size]' } },
        ]);
      }
    });

    it('up to the maximum, and -1 (everything up to the maximum), still answer', async () => {
      // Seeded: at least three users in the first organization.
      const exact = await api(t, admin, 'GET', '/admin/api/users?page[size]=3');
      expect(exact.status).toBe(200);
      expect(exact.json.data).toHaveLength(3);
      const all = await api(t, admin, 'GET', '/admin/api/users?page[size]=-1');
      expect(all.status).toBe(200);
      expect(all.json.data).toHaveLength(3);
    });
  });

  describe('refusals made before any route runs are JSON:API error documents', () => {
    it('a body larger than the limit (413), on the API and elsewhere', async () => {
      const payload = Buffer.alloc(11 * 1024 * 1024, 'a');
      for (const [url, type] of [['/admin/api/users', JSON_API], ['/health', 'application/json']]) {
        const response = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type, authorization: `Bearer ${admin}` }, payload });
        expect(response.statusCode).toBe(413);
        expectErrorDocument({ headers: response.headers, json: response.json() }, 413, 'request entity too large http exception');
      }
    });

    it('malformed JSON (400), on the API and elsewhere', async () => {
      for (const [url, type] of [['/admin/api/users', JSON_API], ['/health', 'application/json']]) {
        const response = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type, authorization: `Bearer ${admin}` }, payload: '{"data":' });
        expect(response.statusCode).toBe(400);
        expectErrorDocument({ headers: response.headers, json: response.json() }, 400, 'request data constraint');
      }
    });

    it('an unknown route or method outside the APIs (404), an unknown media type (415)', async () => {
      for (const [method, url] of [['GET', '/nothing-here'], ['DELETE', '/health'], ['PUT', '/metrics']] as const) {
        const response = await t.app.inject({ method, url });
        expect(response.statusCode).toBe(404);
        expectErrorDocument({ headers: response.headers, json: response.json() }, 404, 'not found http exception');
      }
      const xml = await t.app.inject({ method: 'POST', url: '/admin/api/users', headers: { 'content-type': 'text/xml', authorization: `Bearer ${admin}` }, payload: '<a/>' });
      expect(xml.statusCode).toBe(415);
      expectErrorDocument({ headers: xml.headers, json: xml.json() }, 415, 'unsupported media type http exception');
    });

    it('oversized headers or URL (431), answered by the HTTP parser itself', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const huge = 'a'.repeat(20_000);
      for (const [path, headers] of [['/health', { 'x-padding': huge }], [`/admin/api/users?filter[email]=${huge}`, {}]] as const) {
        const response = await rawRequest(port, path, headers);
        expect(response.status).toBe(431);
        expect(response.headers.connection).toBe('close');
        expectErrorDocument(response, 431, 'request header fields too large http exception');
      }
    });
  });
});

describe('the per-client rate limit', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedIdentities>>;
  beforeAll(async () => {
    t = await createTestApp({ modules: [], env: { RATE_LIMIT_MAX: '4', RATE_LIMIT_WINDOW_MS: '60000' } });
    ids = await seedIdentities(t);
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once a client used its requests; other clients, and health checks, go on', async () => {
    // Sign-ins count against the address they come from, not against the user.
    const admin = await login(t, 'admin@acme.test');
    const manager = await login(t, 'manager@acme.test');
    for (let i = 0; i < 4; i++) expect((await api(t, admin, 'GET', '/admin/api/users')).status).toBe(200);
    const refused = await api(t, admin, 'GET', '/admin/api/users');
    expect(refused.status).toBe(429);
    expectErrorDocument(refused, 429, 'too many requests http exception');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Another user from the same address has its own allowance.
    expect((await api(t, manager, 'GET', `/admin/api/users/${ids.managerA}`)).status).toBe(200);
    // Without a token the client is its address: the two sign-ins above and three more are allowed, then 429.
    const anonymous = () => t.app.inject({ method: 'GET', url: '/admin/api/users', headers: { accept: JSON_API } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await anonymous()).statusCode);
    expect(statuses).toEqual([401, 401, 429]);
    // Probes and scrapes are never limited.
    for (let i = 0; i < 6; i++) expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });
});
