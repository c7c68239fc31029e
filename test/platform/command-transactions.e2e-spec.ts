import { CommandBus } from '@nestjs/cqrs';
import { TransactionRunner } from '../../libs/platform';
import { defaultQueueDriver } from '../harness/create-test-app';
import { useProbeApp } from '../fixtures/probe/use-probe-app';
import { RecordNote } from '../fixtures/probe/record-note.command';
import { RecordNotes } from '../fixtures/probe/record-notes.command';

describe('one transaction per command', () => {
  const probe = useProbeApp(defaultQueueDriver());
  const notes = async () => ((await probe.sql(`SELECT text FROM probe.note ORDER BY id`)) as Array<{ text: string }>).map((n) => n.text);
  const outboxRows = async () => Number((await probe.sql(`SELECT count(*) AS n FROM platform.outbox`))[0].n);

  it('commits a command with its outbox rows, and rolls both back when its handler throws', async () => {
    await probe.t.get(CommandBus).execute(new RecordNote('kept'));
    await expect(probe.t.get(CommandBus).execute(new RecordNote('doomed', true))).rejects.toThrow('failed after writing');
    expect(await notes()).toEqual(['kept']);
    expect(await outboxRows()).toBe(1);
  });

  it('runs the commands a handler sends in its own transaction: one failure undoes them all', async () => {
    await expect(probe.t.get(CommandBus).execute(new RecordNotes(['first', 'second', 'third'], true))).rejects.toThrow('failed after writing');
    expect(await notes()).toEqual([]);
    expect(await outboxRows()).toBe(0);
    expect(await probe.t.get(CommandBus).execute(new RecordNotes(['first', 'second']))).toHaveLength(2);
    expect(await notes()).toEqual(['first', 'second']);
  });

  it('joins the transaction of the code that sends the command', async () => {
    const tx = probe.t.get(TransactionRunner);
    await expect(
      tx.run(async () => {
        await probe.t.get(CommandBus).execute(new RecordNote('inside'));
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await notes()).toEqual([]);
  });
});
