import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { resolveModules } from '../../libs/platform/runtime';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { RunningProcess, freePort, spawnEntry, waitForOk } from '../harness/spawn-process';
import { createTestDatabase, embeddedDataFolder } from '../harness/test-database';
import { JSON_API } from '../json-api/json-api-helpers';

type Outcome = { status: number; connection?: string; body: string } | { error: string };

/** Requests on keep-alive connections until `stop()`; what each one got is counted. */
function keepAliveLoad(port: number, urlPath: string, clients: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const outcomes: Outcome[] = [];
  let running = true;
  const once = () =>
    new Promise<Outcome>((resolve) => {
      const request = http.get({ host: '127.0.0.1', port, path: urlPath, agent }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection, body }));
      });
      request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      // A request that gets no answer at all would be the failure this guards against.
      request.setTimeout(5000, () => request.destroy(Object.assign(new Error('hang'), { code: 'HANG' })));
    });
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const outcome = await once();
      outcomes.push(outcome);
      if ('error' in outcome) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

/** Every answer is a success or a JSON:API 503 that closes its connection; a refused or reset connection is fine. */
function expectCleanOutcomes(outcomes: Outcome[]) {
  for (const outcome of outcomes) {
    if ('error' in outcome) {
      expect(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'socket hang up']).toContain(outcome.error);
    } else if (outcome.status !== 200) {
      expect(outcome.status).toBe(503);
      expect(outcome.connection).toBe('close');
      expect(JSON.parse(outcome.body).errors[0]).toMatchObject({ status: '503', title: 'service unavailable exception' });
    }
  }
}

async function stopAndTime(running: RunningProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  const code = await running.stop(30_000);
  return { code, ms: Date.now() - started };
}

describe('SIGTERM to the API with keep-alive clients', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = embeddedDataFolder('b2b-stop-')));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('finishes the request in flight, answers or closes the rest, and exits 0 before the shutdown timeout', async () => {
    const port = await freePort();
    const api = spawnEntry('apps/api/main.ts', {
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      MODULES: 'crm',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT_MS: '8000',
    });
    try {
      await waitForOk(`http://127.0.0.1:${port}/health/ready`, 150_000, api);
      const load = keepAliveLoad(port, '/health', 4);
      // A request in flight when the signal comes: its headers and half its body are sent before, the rest after.
      const body = JSON.stringify({ data: { type: 'accounts', attributes: { name: 'In flight' } } });
      const socket = net.connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(
        `POST /admin/api/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: ${JSON_API}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));

      const stopping = stopAndTime(api);
      await new Promise((resolve) => setTimeout(resolve, 300));
      socket.write(body.slice(10));
      await ended;
      const { code, ms } = await stopping;
      await load.stop();

      // The in-flight request got its whole answer (401: it has no token), told to close the connection.
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(answer).toContain('"status":"401"');
      expect(code).toBe(0);
      expect(api.output()).not.toContain('Shutdown timed out');
      expect(load.outcomes.filter((o) => 'status' in o && o.status === 200).length).toBeGreaterThan(0);
      expectCleanOutcomes(load.outcomes);
      process.stdout.write(`API stopped in ${ms} ms (SHUTDOWN_TIMEOUT_MS 8000)\n`);
    } finally {
      await api.stop();
    }
  }, 240_000);
});

// The worker needs a database server that several processes can reach.
const withServers = process.env.TEST_DATABASE_URL ? describe : describe.skip;

withServers('SIGTERM to the worker with keep-alive clients on its health port', () => {
  it('exits 0 before the shutdown timeout, never leaving a client hanging', async () => {
    const database = await createTestDatabase(resolveModules(['probe'], [...moduleCatalog, probeManifest]));
    const port = await freePort();
    const worker = spawnEntry('test/fixtures/probe/probe-worker.main.ts', {
      DATABASE_URL: database.url,
      REDIS_URL: undefined,
      QUEUE_DRIVER: 'postgres',
      MODULES: 'probe',
      WORKER_PORT: String(port),
      HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT_MS: '8000',
    });
    try {
      await waitForOk(`http://127.0.0.1:${port}/health/ready`, 30_000, worker);
      const load = keepAliveLoad(port, '/health/ready', 4);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { code } = await stopAndTime(worker);
      await load.stop();
      expect(code).toBe(0);
      expect(worker.output()).not.toContain('Shutdown timed out');
      expectCleanOutcomes(load.outcomes);
    } finally {
      await worker.stop();
      await database.close();
    }
  }, 90_000);
});
