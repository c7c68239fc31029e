import { CommandBus } from '@nestjs/cqrs';
import { DeadLetterStore, JOB_DRIVER, JobDriver, Outbox, TransactionRunner } from '../../libs/platform/runtime';
import { availableQueueDrivers } from '../harness/create-test-app';
import { useProbeApp } from '../fixtures/probe/use-probe-app';
import { FaultPlan } from '../fixtures/probe/fault-plan';
import { RecordNote } from '../fixtures/probe/record-note.command';
import { TALLY_NOTES, TallyNotesJob } from '../fixtures/probe/tally-notes.job';

describe.each(availableQueueDrivers())('module jobs (%s queue)', (queue) => {
  const probe = useProbeApp(queue);
  const sql = probe.sql;
  const tally = () => sql(`SELECT scope, notes, runs FROM probe.tally ORDER BY scope`);

  it('runs a scheduled job, which recomputes from source', async () => {
    await probe.t.get(CommandBus).execute(new RecordNote('one'));
    await probe.t.get(CommandBus).execute(new RecordNote('two'));
    await probe.t.get(Outbox).schedule(TallyNotesJob, { scope: 'all' });
    await probe.t.drain();
    expect(await tally()).toEqual([{ scope: 'all', notes: 2, runs: 1 }]);
  });

  it('coalesces requests with the same idempotency key that wait together', async () => {
    for (let i = 0; i < 5; i++) await probe.t.get(Outbox).schedule(TallyNotesJob, { scope: 'same' });
    await probe.t.get(Outbox).schedule(TallyNotesJob, { scope: 'other' });
    await probe.t.drain();
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
      await probe.t.get(CommandBus).execute(new RecordNote('late'));
      await probe.t.get<JobDriver>(JOB_DRIVER).enqueue(
        [{ queue: 'probe', name: TALLY_NOTES, key: `${TALLY_NOTES}:${data.scope}`, data, attempts: 3, backoffMs: 5 }],
        probe.t.get(TransactionRunner).manager,
      );
    };
    try {
      await probe.t.get(Outbox).schedule(TallyNotesJob, { scope: 'busy' });
      await probe.t.drain();
      // The second run saw the late note: nothing was lost to coalescing.
      expect(await tally()).toEqual([{ scope: 'busy', notes: 1, runs: 2 }]);
    } finally {
      TallyNotesJob.duringRun = undefined;
    }
  });

  it('never runs a job requested in a rolled-back transaction', async () => {
    const tx = probe.t.get(TransactionRunner);
    await expect(
      tx.run(async () => {
        await probe.t.get(Outbox).schedule(TallyNotesJob, { scope: 'doomed' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await probe.t.drain();
    expect(await tally()).toEqual([]);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    FaultPlan.failNext(TALLY_NOTES, 2);
    await probe.t.get(Outbox).schedule(TallyNotesJob, { scope: 'flaky' });
    await probe.t.drain();
    expect(await tally()).toEqual([{ scope: 'flaky', notes: 0, runs: 1 }]);
    expect(await probe.t.get(DeadLetterStore).list()).toEqual([]);
  });

  it('dead-letters a job after its declared attempts, and runs it again on retry', async () => {
    FaultPlan.failNext(TALLY_NOTES, 3); // TallyNotesJob declares 3 attempts
    await probe.t.get(Outbox).schedule(TallyNotesJob, { scope: 'poison' });
    await probe.t.drain();
    expect(await tally()).toEqual([]);
    const [letter, ...others] = await probe.t.get(DeadLetterStore).list();
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ jobName: TALLY_NOTES, jobKey: `${TALLY_NOTES}:poison`, attempts: 3, data: { scope: 'poison' } });

    await probe.t.get(DeadLetterStore).retry(letter.id);
    await probe.t.drain();
    expect(await tally()).toEqual([{ scope: 'poison', notes: 0, runs: 1 }]);
    expect((await probe.t.get(DeadLetterStore).list({ includeRetried: true }))[0].retriedAt).not.toBeNull();
  });
});
