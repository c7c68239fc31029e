import { JOB_DRIVER, JobDriver, TransactionRunner } from '../../libs/platform/runtime';
import { createTestApp, defaultQueueDriver } from '../harness/create-test-app';
import { expectedMigrations } from '../harness/expected-migrations';

// The deployments we support (README "Profiles"): each boots, runs only its own migrations and answers /health.
const PROFILES: Array<[string, string[]]> = [
  ['crm', ['crm']],
  ['commerce', ['commerce']],
  ['crm+commerce', ['crm', 'commerce']],
  ['all', ['crm', 'commerce', 'integration']],
];
const MODULE_SCHEMAS = ['crm', 'commerce', 'integration'];

describe.each(PROFILES)('profile %s', (_profile, modules) => {
  it('boots, runs only its migrations and answers /health and /health/ready', async () => {
    const t = await createTestApp({ modules });
    try {
      const sql = (q: string) => t.get(TransactionRunner).manager.query(q);
      const ran = await sql(`SELECT name FROM platform.migrations ORDER BY timestamp`);
      expect(ran.map((r: { name: string }) => r.name)).toEqual(expectedMigrations(modules));
      const schemas = await sql(`SELECT schema_name FROM information_schema.schemata WHERE schema_name = ANY('{crm,commerce,integration}')`);
      expect(schemas.map((r: { schema_name: string }) => r.schema_name).sort()).toEqual(
        MODULE_SCHEMAS.filter((s) => modules.includes(s)).sort(),
      );

      const live = await t.app.inject({ method: 'GET', url: '/health' });
      expect(live.statusCode).toBe(200);
      expect(live.json()).toEqual({ status: 'ok' });
      expect(live.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().checks.queue.driver).toBe(defaultQueueDriver());
      expect(t.get<JobDriver>(JOB_DRIVER).kind).toBe(defaultQueueDriver());
    } finally {
      await t.close();
    }
  });
});

describe('operations endpoints', () => {
  it('echoes a caller-supplied request id and exposes Prometheus metrics', async () => {
    const t = await createTestApp({ modules: ['crm'] });
    try {
      const echoed = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'abc-123' } });
      expect(echoed.headers['x-request-id']).toBe('abc-123');
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.statusCode).toBe(200);
      expect(metrics.headers['content-type']).toContain('text/plain');
      expect(metrics.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} 1/);
      expect(metrics.body).toMatch(/^outbox_backlog 0$/m);
      expect(metrics.body).toMatch(/^jobs_pending 0$/m);
      expect(metrics.body).toContain('# TYPE jobs_processed_total counter');
    } finally {
      await t.close();
    }
  });

  it('reports not ready, as a JSON:API error, when the database is gone', async () => {
    const t = await createTestApp({ modules: ['crm'] });
    try {
      await t.database.close(); // the database goes away under the running app
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toContain('application/vnd.api+json');
      expect(ready.json().errors[0]).toMatchObject({ status: '503', title: 'service unavailable exception' });
      expect(ready.json().errors[0].detail).toContain('database');
    } finally {
      await t.app.close().catch(() => undefined);
    }
  });
});
