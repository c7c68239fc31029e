import { CommandBus } from '@nestjs/cqrs';
import { DeadLetterStore, JOB_DRIVER, JobDriver, OutboxRelay, TransactionRunner } from '../../libs/platform';
import { TestApp, availableQueueDrivers, createTestApp } from '../harness/create-test-app';
import { FaultPlan } from '../fixtures/probe/fault-plan';
import { NOTE_EFFECT } from '../fixtures/probe/note-effect.subscriber';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { RecordNote } from '../fixtures/probe/record-note.command';

describe.each(availableQueueDrivers())('transactional outbox, relay and inbox (%s queue)', (queue) => {
  let t: TestApp;
  const sql = (query: string, params?: unknown[]) => t.get(TransactionRunner).manager.query(query, params);
  const effects = async () => (await sql(`SELECT note_id::text, message_id FROM probe.effect ORDER BY id`)) as Array<{ note_id: string; message_id: string }>;

  beforeAll(async () => {
    t = await createTestApp({ modules: [], extraModules: [probeManifest], queue });
  });
  afterAll(() => t.close());

  it('uses the requested queue driver', () => {
    expect(t.get<JobDriver>(JOB_DRIVER).kind).toBe(queue);
  });
  beforeEach(async () => {
    FaultPlan.reset();
    await sql(`TRUNCATE probe.note, probe.effect, probe.tally, platform.outbox, platform.inbox, platform.dead_letter`);
  });

  it('delivers a committed event to its subscriber once', async () => {
    const noteId = await t.get(CommandBus).execute(new RecordNote('hello'));
    await t.drain();
    expect((await effects()).map((e) => e.note_id)).toEqual([noteId]);
  });

  it('never delivers an event recorded in a rolled-back transaction', async () => {
    await expect(t.get(CommandBus).execute(new RecordNote('doomed', true))).rejects.toThrow('failed after writing');
    await t.drain();
    expect(await sql(`SELECT * FROM probe.note`)).toEqual([]);
    expect(await sql(`SELECT * FROM platform.outbox`)).toEqual([]);
    expect(await effects()).toEqual([]);
  });

  it('takes effect exactly once when the subscriber throws twice', async () => {
    FaultPlan.failNext(NOTE_EFFECT, 2);
    const noteId = await t.get(CommandBus).execute(new RecordNote('flaky'));
    await t.drain();
    expect((await effects()).map((e) => e.note_id)).toEqual([noteId]);
    expect(await t.get(DeadLetterStore).list()).toEqual([]);
  });

  it('has no second effect when a message is delivered again', async () => {
    await t.get(CommandBus).execute(new RecordNote('twice'));
    await t.drain();
    // Simulate a relay that died after queueing but before marking the row: it is relayed again.
    await sql(`UPDATE platform.outbox SET dispatched_at = NULL`);
    expect(await t.get(OutboxRelay).relayAll()).toBe(1);
    await t.drain();
    expect(await effects()).toHaveLength(1);
  });

  it('dead-letters a delivery that fails every attempt, and a retry delivers it', async () => {
    FaultPlan.failNext(NOTE_EFFECT, t.config.jobAttempts);
    await t.get(CommandBus).execute(new RecordNote('poison'));
    await t.drain();
    expect(await effects()).toEqual([]);
    const letters = await t.get(DeadLetterStore).list();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ jobName: 'platform.deliver-event', attempts: t.config.jobAttempts });
    expect(letters[0].error).toContain('planned failure');

    expect(await t.get(DeadLetterStore).retry(letters[0].id)).toBe(true);
    expect(await t.get(DeadLetterStore).retry(letters[0].id)).toBe(false);
    await t.drain();
    expect(await effects()).toHaveLength(1);
    expect(await t.get(DeadLetterStore).list()).toEqual([]);
  });
});

describe('messages committed while no relay runs', () => {
  it('are delivered after a restart', async () => {
    const first = await createTestApp({ modules: [], extraModules: [probeManifest] });
    const database = first.database;
    try {
      await first.get(CommandBus).execute(new RecordNote('before restart'));
      await first.get(CommandBus).execute(new RecordNote('also before restart'));
      await first.app.close(); // no relay ever ran in this "process"

      const second = await createTestApp({ modules: [], extraModules: [probeManifest], database });
      try {
        await second.drain();
        const rows = await second.get(TransactionRunner).manager.query(`SELECT count(*)::int AS n FROM probe.effect`);
        expect(rows[0].n).toBe(2);
      } finally {
        await second.app.close();
      }
    } finally {
      await database.close();
    }
  });
});
