import { CommandBus } from '@nestjs/cqrs';
import { DeadLetterStore, OutboxRelay, TransactionRunner } from '../../libs/platform/runtime';
import { availableQueueDrivers, createTestApp } from '../harness/create-test-app';
import { useProbeApp } from '../fixtures/probe/use-probe-app';
import { FaultPlan } from '../fixtures/probe/fault-plan';
import { NOTE_EFFECT } from '../fixtures/probe/note-effect.subscriber';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { RecordNote } from '../fixtures/probe/record-note.command';

describe.each(availableQueueDrivers())('transactional outbox, relay and inbox (%s queue)', (queue) => {
  const probe = useProbeApp(queue);
  const sql = probe.sql;
  const effects = async () =>
    (await sql(`SELECT note_id::text, message_id FROM probe.effect ORDER BY id`)) as Array<{ note_id: string; message_id: string }>;

  it('delivers a committed event to its subscriber once', async () => {
    const noteId = await probe.t.get(CommandBus).execute(new RecordNote('hello'));
    await probe.t.drain();
    expect((await effects()).map((e) => e.note_id)).toEqual([noteId]);
  });

  it('never delivers an event recorded in a rolled-back transaction', async () => {
    await expect(probe.t.get(CommandBus).execute(new RecordNote('doomed', true))).rejects.toThrow('failed after writing');
    await probe.t.drain();
    expect(await sql(`SELECT * FROM probe.note`)).toEqual([]);
    expect(await sql(`SELECT * FROM platform.outbox`)).toEqual([]);
    expect(await effects()).toEqual([]);
  });

  it('takes effect exactly once when the subscriber throws twice', async () => {
    FaultPlan.failNext(NOTE_EFFECT, 2);
    const noteId = await probe.t.get(CommandBus).execute(new RecordNote('flaky'));
    await probe.t.drain();
    expect((await effects()).map((e) => e.note_id)).toEqual([noteId]);
    expect(await probe.t.get(DeadLetterStore).list()).toEqual([]);
  });

  it('has no second effect when a message is delivered again', async () => {
    await probe.t.get(CommandBus).execute(new RecordNote('twice'));
    await probe.t.drain();
    // Simulate a relay that died after queueing but before marking the row: it is relayed again.
    await sql(`UPDATE platform.outbox SET dispatched_at = NULL`);
    expect(await probe.t.get(OutboxRelay).relayAll()).toBe(1);
    await probe.t.drain();
    expect(await effects()).toHaveLength(1);
  });

  it('dead-letters a delivery that fails every attempt, and a retry delivers it', async () => {
    FaultPlan.failNext(NOTE_EFFECT, probe.t.config.jobAttempts);
    await probe.t.get(CommandBus).execute(new RecordNote('poison'));
    await probe.t.drain();
    expect(await effects()).toEqual([]);
    const letters = await probe.t.get(DeadLetterStore).list();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ jobName: 'platform.deliver-event', attempts: probe.t.config.jobAttempts });
    expect(letters[0].error).toContain('planned failure');

    expect(await probe.t.get(DeadLetterStore).retry(letters[0].id)).toBe(true);
    expect(await probe.t.get(DeadLetterStore).retry(letters[0].id)).toBe(false);
    await probe.t.drain();
    expect(await effects()).toHaveLength(1);
    expect(await probe.t.get(DeadLetterStore).list()).toEqual([]);
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
