import { Outbox, TransactionRunner, WorkerService } from '../../libs/platform/runtime';
import { createTestApp } from '../harness/create-test-app';
import { freePort, spawnEntry, waitForOk } from '../harness/spawn-process';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { TallyNotesJob } from '../fixtures/probe/tally-notes.job';

// A worker process killed while it holds a job on Redis; needs a database server several processes can reach.
const withRedis = process.env.TEST_REDIS_URL && process.env.TEST_DATABASE_URL ? describe : describe.skip;

/** R8: values fresh again within 10 s of a worker crash. */
withRedis('a worker killed with a job in hand (R8)', () => {
  it('another worker runs the job within 10 s', async () => {
    const env = { JOB_LOCK_MS: '5000' };
    const api = await createTestApp({ modules: [], extraModules: [probeManifest], queue: 'redis', env });
    const workerPort = await freePort();
    const doomed = spawnEntry('test/fixtures/probe/probe-worker.main.ts', {
      ...env,
      DATABASE_URL: api.database.url,
      REDIS_URL: process.env.TEST_REDIS_URL,
      QUEUE_DRIVER: 'redis',
      QUEUE_PREFIX: api.config.queuePrefix,
      MODULES: 'probe',
      WORKER_PORT: String(workerPort),
      HOST: '127.0.0.1',
      PROBE_SLOW_JOB_MS: '600000', // it would hold the job for ten minutes
    });
    const sql = (q: string) => api.get(TransactionRunner).manager.query(q);
    try {
      await waitForOk(`http://127.0.0.1:${workerPort}/health/ready`, 30_000, doomed);
      await api.get(Outbox).schedule(TallyNotesJob, { scope: 'slow' });
      const started = Date.now();
      while ((await sql(`SELECT 1 FROM probe.tally WHERE scope = 'slow:started'`)).length === 0) {
        if (Date.now() - started > 20_000) throw new Error(`the job never started:\n${doomed.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // A second worker (this process) is up; the first dies without a chance to give the job back.
      api.get(WorkerService).startConsumers();
      doomed.child.kill('SIGKILL');
      const killedAt = Date.now();
      await doomed.exited;
      while ((await sql(`SELECT 1 FROM probe.tally WHERE scope = 'slow'`)).length === 0) {
        if (Date.now() - killedAt > 20_000) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const recoveredMs = Date.now() - killedAt;
      expect(await sql(`SELECT notes FROM probe.tally WHERE scope = 'slow'`)).toEqual([{ notes: 0 }]);
      expect(recoveredMs).toBeLessThan(10_000);
    } finally {
      await doomed.stop();
      await api.close();
    }
  }, 90_000);
});
