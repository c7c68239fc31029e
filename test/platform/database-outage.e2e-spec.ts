import { Client } from 'pg';
import { ModuleManifest, OUTBOX_NOTIFY_CHANNEL, resolveModules } from '../../libs/platform/runtime';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { NotifyListener } from '../../libs/platform/messaging/notify-listener';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { createTestDatabase } from '../harness/test-database';
import { TcpProxy } from '../harness/tcp-proxy';
import { api, login, requestToken, seedIdentities } from '../identity/auth-helpers';
import { JSON_API } from '../json-api/json-api-helpers';

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function expectUnavailable(response: { status: number; headers: Record<string, unknown>; json: any }) {
  expect(response.status).toBe(503);
  expect(response.headers['content-type']).toBe(JSON_API);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.json.errors).toEqual([expect.objectContaining({ status: '503', title: 'service unavailable exception' })]);
  // Nothing of the driver's message (addresses, ports) reaches the client.
  expect(JSON.stringify(response.json)).not.toMatch(/ECONN|127\.0\.0\.1|terminated/);
}

describe('the database goes away and comes back', () => {
  const manifests: ModuleManifest[] = resolveModules([], moduleCatalog);
  let proxy: TcpProxy;
  let t: TestApp;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const database = await createTestDatabase(manifests);
    proxy = TcpProxy.forUrl(database.url);
    await proxy.start();
    // The app reaches its database only through the proxy, which the test cuts and restores.
    t = await createTestApp({ modules: [], database: { ...database, url: proxy.urlFor(database.url) } });
    close = async () => {
      await t.close();
      await proxy.stop();
      await database.close();
    };
  });
  afterAll(() => close());

  it('answers 503 with Retry-After (JSON:API) while it is unreachable, and recovers by itself', async () => {
    const ids = await seedIdentities(t);
    const admin = await login(t, 'admin@acme.test');
    expect((await api(t, admin, 'GET', `/admin/api/users/${ids.adminA}`)).status).toBe(200);

    await proxy.cut();
    expectUnavailable(await api(t, admin, 'GET', '/admin/api/users'));
    expectUnavailable(await api(t, admin, 'POST', '/admin/api/businessunits', { data: { type: 'businessunits', attributes: { name: 'North' } } }));
    const token = await requestToken(t, { grant_type: 'password', client_id: 'backoffice', username: 'admin@acme.test', password: 'whatever' });
    expectUnavailable(token);
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();

    await proxy.start();
    const back = await eventually(() => api(t, admin, 'GET', '/admin/api/users'), (r) => r.status === 200);
    expect(back.status).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });
});

// LISTEN/NOTIFY needs a database server (the embedded one wakes its relay in-process).
const withServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

withServer('the outbox relay’s LISTEN connection', () => {
  it('is opened again after the database comes back, and NOTIFY wakes it again', async () => {
    const database = await createTestDatabase(resolveModules([], moduleCatalog));
    const proxy = TcpProxy.forUrl(database.url);
    await proxy.start();
    const log: string[] = [];
    let notified = 0;
    const listener = new NotifyListener(proxy.urlFor(database.url), OUTBOX_NOTIFY_CHANNEL, () => notified++, {
      warn: (m) => log.push(m),
      log: (m) => log.push(m),
    });
    const notify = async () => {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      await client.query(`NOTIFY ${OUTBOX_NOTIFY_CHANNEL}`);
      await client.end();
    };
    try {
      await listener.start();
      expect(listener.listening).toBe(true);
      await notify();
      expect(await eventually(async () => notified, (n) => n === 1)).toBe(1);

      await proxy.cut();
      await eventually(async () => listener.listening, (l) => !l);
      expect(listener.listening).toBe(false);
      // Down for a while: several attempts fail quietly.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await proxy.start();
      await eventually(async () => listener.listening, (l) => l);
      expect(listener.reconnects).toBe(1);
      expect(log.some((m) => m.startsWith('LISTEN connection lost'))).toBe(true);
      expect(log).toContain('LISTEN connection re-opened');

      // The re-opened connection hears NOTIFY again (the reconnect itself also woke the relay once).
      const before = notified;
      await notify();
      expect(await eventually(async () => notified, (n) => n > before)).toBe(before + 1);
    } finally {
      await listener.stop();
      await proxy.stop();
      await database.close();
    }
  });
});
