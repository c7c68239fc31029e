import { CommandBus } from '@nestjs/cqrs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DatabaseHandle, TransactionRunner, runMigrations } from '../../libs/platform';
import { createTestApp } from '../harness/create-test-app';
import { startEmbedded } from '../harness/test-database';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { RecordNote } from '../fixtures/probe/record-note.command';

describe('the embedded database', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-embedded-'))));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const open = async (): Promise<DatabaseHandle> => {
    const db = await startEmbedded(dataDir);
    return { url: db.url, embedded: true, poolSize: 1, close: () => db.stop() };
  };

  it('keeps committed data, and undelivered messages, across a restart', async () => {
    const first = await open();
    expect(await runMigrations(first, [probeManifest])).toContain('ProbeSchema1763900009000');
    const app1 = await createTestApp({ modules: [], extraModules: [probeManifest], database: first, queue: 'embedded' });
    await app1.get(CommandBus).execute(new RecordNote('kept'));
    await app1.close();
    await first.close();

    const second = await open();
    expect(await runMigrations(second, [probeManifest])).toEqual([]);
    const app2 = await createTestApp({ modules: [], extraModules: [probeManifest], database: second, queue: 'embedded' });
    try {
      const sql = (q: string) => app2.get(TransactionRunner).manager.query(q);
      expect(await sql(`SELECT text FROM probe.note`)).toEqual([{ text: 'kept' }]);
      await app2.drain();
      expect(await sql(`SELECT count(*)::int AS n FROM probe.effect`)).toEqual([{ n: 1 }]);
    } finally {
      await app2.close();
      await second.close();
    }
  });
});
