import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectedMigrations } from '../harness/expected-migrations';
import { freePort, spawnEntry, waitForOk } from '../harness/spawn-process';

const UNSET = { DATABASE_URL: undefined, REDIS_URL: undefined, MODULES: undefined, PORT: undefined };

describe('the API process on embedded defaults', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-api-'))));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('becomes ready, refuses a second process on its data folder, stops gracefully on SIGTERM, and keeps its data', async () => {
    const port = await freePort();
    const env = { ...UNSET, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };

    const first = spawnEntry('apps/api/main.ts', env);
    await waitForOk(`http://127.0.0.1:${port}/health/ready`, 45_000, first);
    expect(first.output()).toContain(`Ran ${expectedMigrations(['crm', 'commerce', 'integration']).length} migration(s)`);
    expect(first.output()).toMatch(/First administrator created: admin@example.com with password \S+ \(shown once/);
    const ready = await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json();
    expect(ready).toEqual({ status: 'ok', checks: { database: { status: 'up' }, queue: { driver: 'embedded', status: 'up' } } });
    // The embedded database serves one process: a second one on the same folder stops with a clear line.
    const intruder = spawnEntry('apps/api/main.ts', { ...env, PORT: String(await freePort()) });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toContain('is in use by process');
    expect(await first.stop()).toBe(0);

    const second = spawnEntry('apps/api/main.ts', env);
    await waitForOk(`http://127.0.0.1:${port}/health/ready`, 45_000, second);
    // The migrations recorded by the first run are still there: nothing is migrated again.
    expect(second.output()).not.toContain('migration(s)');
    expect(await second.stop()).toBe(0);
  }, 150_000);
});

// One case of each kind (module set, configuration value); every message itself is covered by the units' specs.
describe('a bad configuration stops the process with one clear line', () => {
  it.each([
    [{ MODULES: 'crm,billing' }, "Unknown module 'billing' in MODULES; known modules: crm, commerce, integration"],
    [{ PORT: 'eighty' }, 'Invalid configuration: PORT="eighty": expected a whole number'],
  ])('%j', async (env, message) => {
    const run = spawnEntry('apps/api/main.ts', { ...UNSET, DATA_DIR: path.join(os.tmpdir(), 'b2b-never-created'), ...env });
    expect(await run.exited).toBe(1);
    expect(run.output().trim().split('\n')).toHaveLength(1);
    expect(run.output()).toContain(message);
  });

  it('the worker refuses the embedded database (it runs inside the API process there)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-worker-'));
    const run = spawnEntry('apps/worker/main.ts', { ...UNSET, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('The worker needs DATABASE_URL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
