import { RunningProcess, freePort, spawnEntry, waitForOk } from '../../test/harness/spawn-process';

/** The API and workers of the freshness benchmark, each in its own process as production runs them. */
export interface ProductProcesses {
  apiPort: number;
  startWorkers(count: number): Promise<RunningProcess[]>;
  stop(): Promise<void>;
}

export async function startProduct(env: Record<string, string | undefined>): Promise<ProductProcesses> {
  const apiPort = await freePort();
  const common = { ...env, MODULES: 'crm,commerce,integration', LOG_LEVEL: 'silent', HOST: '127.0.0.1', MIGRATE_ON_BOOT: 'false' };
  const api = spawnEntry('apps/api/main.ts', { ...common, PORT: String(apiPort), RUN_WORKER: 'false' });
  const workers: RunningProcess[] = [];
  // Should the benchmark itself die, its children go with it.
  process.once('exit', () => [api, ...workers].forEach((p) => p.child.kill('SIGKILL')));
  await waitForOk(`http://127.0.0.1:${apiPort}/health/ready`, 60_000, api);
  return {
    apiPort,
    async startWorkers(count) {
      const started: RunningProcess[] = [];
      for (let i = 0; i < count; i++) {
        const port = await freePort();
        const worker = spawnEntry('apps/worker/main.ts', { ...common, WORKER_PORT: String(port) });
        await waitForOk(`http://127.0.0.1:${port}/health/ready`, 60_000, worker);
        started.push(worker);
      }
      workers.push(...started);
      return started;
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      await api.stop();
    },
  };
}
