import { CommandBus } from '@nestjs/cqrs';
import { Outbox, TransactionRunner } from '../../libs/platform';
import { createTestApp } from '../harness/create-test-app';
import { freePort, spawnEntry, waitForOk } from '../harness/spawn-process';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { RecordNote } from '../fixtures/probe/record-note.command';
import { TallyNotesJob } from '../fixtures/probe/tally-notes.job';

// A separate worker process needs a database server that several processes can reach.
const withServers = process.env.TEST_DATABASE_URL ? describe : describe.skip;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

withServers('apps/worker in its own process', () => {
  const drivers = process.env.TEST_REDIS_URL ? (['redis', 'postgres'] as const) : (['postgres'] as const);

  it.each(drivers)('relays and consumes the API process’s work (%s queue)', async (queue) => {
    const api = await createTestApp({ modules: [], extraModules: [probeManifest], queue });
    const workerPort = await freePort();
    const worker = spawnEntry('test/fixtures/probe/probe-worker.main.ts', {
      DATABASE_URL: api.database.url,
      REDIS_URL: queue === 'redis' ? process.env.TEST_REDIS_URL : undefined,
      QUEUE_DRIVER: queue,
      QUEUE_PREFIX: api.config.queuePrefix,
      MODULES: 'probe',
      WORKER_PORT: String(workerPort),
      HOST: '127.0.0.1',
      RELAY_POLL_MS: '5000', // prompt delivery below must come from LISTEN/NOTIFY, not from polling
      PROBE_SLOW_JOB_MS: '1500',
    });
    try {
      await waitForOk(`http://127.0.0.1:${workerPort}/health/ready`, 20_000, worker);
      const sql = (q: string) => api.get(TransactionRunner).manager.query(q);

      await api.get(CommandBus).execute(new RecordNote('from the API'));
      const effects = await until(() => sql(`SELECT count(*)::int AS n FROM probe.effect`), (r) => r[0].n === 1);
      expect(effects[0].n).toBe(1);

      await api.get(Outbox).schedule(TallyNotesJob, { scope: 'all' });
      const tally = await until(() => sql(`SELECT notes FROM probe.tally WHERE scope = 'all'`), (r) => r.length === 1);
      expect(tally).toEqual([{ notes: 1 }]);

      const metrics = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
      expect(metrics).toMatch(/jobs_processed_total\{job="probe.tally-notes",outcome="completed"\} 1/);

      // SIGTERM while a job runs: the job finishes, then the worker exits cleanly.
      await api.get(Outbox).schedule(TallyNotesJob, { scope: 'slow' });
      await until(() => sql(`SELECT 1 FROM probe.tally WHERE scope = 'slow:started'`), (r) => r.length === 1);
      expect(await worker.stop(20_000)).toBe(0);
      expect(await sql(`SELECT scope, notes FROM probe.tally WHERE scope = 'slow'`)).toEqual([{ scope: 'slow', notes: 1 }]);
    } finally {
      await worker.stop();
      await api.close();
    }
  });
});
