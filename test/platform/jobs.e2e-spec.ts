import { CommandBus } from '@nestjs/cqrs';
import { DeadLetterStore, JOB_DRIVER, JobDriver, Outbox, TransactionRunner } from '../../libs/platform';
import { TestApp, availableQueueDrivers, createTestApp } from '../harness/create-test-app';
import { FaultPlan } from '../fixtures/probe/fault-plan';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { RecordNote } from '../fixtures/probe/record-note.command';
import { TALLY_NOTES, TallyNotesJob } from '../fixtures/probe/tally-notes.job';

describe.each(availableQueueDrivers())('module jobs (%s queue)', (queue) => {
  let t: TestApp;
  const sql = (query: string, params?: unknown[]) => t.get(TransactionRunner).manager.query(query, params);
  const tally = () => sql(`SELECT scope, notes, runs FROM probe.tally ORDER BY scope`);

  beforeAll(async () => {
    t = await createTestApp({ modules: [], extraModules: [probeManifest], queue });
  });
  afterAll(() => t.close());

  it('uses the requested queue driver', () => {
    expect(t.get<JobDriver>(JOB_DRIVER).kind).toBe(queue);
  });
  beforeEach(async () => {
    FaultPlan.reset();
    await sql(`TRUNCATE probe.note, probe.effect, probe.tally, platform.outbox, platform.dead_letter`);
  });

  it('runs a scheduled job, which recomputes from source', async () => {
    await t.get(CommandBus).execute(new RecordNote('one'));
    await t.get(CommandBus).execute(new RecordNote('two'));
    await t.get(Outbox).schedule(TallyNotesJob, { scope: 'all' });
    await t.drain();
    expect(await tally()).toEqual([{ scope: 'all', notes: 2, runs: 1 }]);
  });

  it('coalesces requests with the same idempotency key that wait together', async () => {
    for (let i = 0; i < 5; i++) await t.get(Outbox).schedule(TallyNotesJob, { scope: 'same' });
    await t.get(Outbox).schedule(TallyNotesJob, { scope: 'other' });
    await t.drain();
    expect(await tally()).toEqual([
      { scope: 'other', notes: 0, runs: 1 },
      { scope: 'same', notes: 0, runs: 1 },
    ]);
  });

  it('runs again when the same job is requested while it is running', async () => {
    let requested = false;
    TallyNotesJob.duringRun = async (data) => {
      if (requested) return;
      requested = true;
      // A change lands while the job runs, and asks for the same recomputation.
      await t.get(CommandBus).execute(new RecordNote('late'));
      await t.get<JobDriver>(JOB_DRIVER).enqueue(
        [{ queue: 'probe', name: TALLY_NOTES, key: `${TALLY_NOTES}:${data.scope}`, data, attempts: 3, backoffMs: 5 }],
        t.get(TransactionRunner).manager,
      );
    };
    try {
      await t.get(Outbox).schedule(TallyNotesJob, { scope: 'busy' });
      await t.drain();
      // The second run saw the late note: nothing was lost to coalescing.
      expect(await tally()).toEqual([{ scope: 'busy', notes: 1, runs: 2 }]);
    } finally {
      TallyNotesJob.duringRun = undefined;
    }
  });

  it('never runs a job requested in a rolled-back transaction', async () => {
    const tx = t.get(TransactionRunner);
    await expect(
      tx.run(async () => {
        await t.get(Outbox).schedule(TallyNotesJob, { scope: 'doomed' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await t.drain();
    expect(await tally()).toEqual([]);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    FaultPlan.failNext(TALLY_NOTES, 2);
    await t.get(Outbox).schedule(TallyNotesJob, { scope: 'flaky' });
    await t.drain();
    expect(await tally()).toEqual([{ scope: 'flaky', notes: 0, runs: 1 }]);
    expect(await t.get(DeadLetterStore).list()).toEqual([]);
  });

  it('dead-letters a job after its declared attempts, and runs it again on retry', async () => {
    FaultPlan.failNext(TALLY_NOTES, 3); // TallyNotesJob declares 3 attempts
    await t.get(Outbox).schedule(TallyNotesJob, { scope: 'poison' });
    await t.drain();
    expect(await tally()).toEqual([]);
    const [letter, ...others] = await t.get(DeadLetterStore).list();
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ jobName: TALLY_NOTES, jobKey: `${TALLY_NOTES}:poison`, attempts: 3, data: { scope: 'poison' } });

    await t.get(DeadLetterStore).retry(letter.id);
    await t.drain();
    expect(await tally()).toEqual([{ scope: 'poison', notes: 0, runs: 1 }]);
    expect((await t.get(DeadLetterStore).list({ includeRetried: true }))[0].retriedAt).not.toBeNull();
  });
});
