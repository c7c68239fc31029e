import { CommandBus } from '@nestjs/cqrs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DatabaseHandle,
  TransactionRunner,
  embeddedSnapshotFile,
  extractTar,
  loadConfig,
  openDatabase,
  runMigrations,
  writeEmbeddedSnapshot,
} from '../../libs/platform/runtime';
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

  it('starts a new data folder from the build\'s migrated snapshot and runs only the migrations newer than it', async () => {
    const snapshots = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-snapshots-'));
    const folder = (name: string) => path.join(dataDir, name);
    const config = (name: string) => ({ ...loadConfig({ DATA_DIR: folder(name), EMBEDDED_SNAPSHOT_DIR: snapshots }) });
    try {
      // The build made a snapshot for the platform alone; the probe module's migrations came after it.
      const { file, made } = await writeEmbeddedSnapshot(snapshots, []);
      expect(made).toBe(true);
      expect((await writeEmbeddedSnapshot(snapshots, [])).made).toBe(false);
      const platformOnly = await openDatabase(config('platform'), []);
      expect(await runMigrations(platformOnly, [])).toEqual([]);
      await platformOnly.close();
      // Standing in for a snapshot older than the code: the probe set's file holds the platform's migrations only.
      fs.copyFileSync(file, embeddedSnapshotFile(snapshots, [probeManifest]));
      const probe = await openDatabase(config('probe'), [probeManifest]);
      try {
        expect(await runMigrations(probe, [probeManifest])).toEqual(['ProbeSchema1763900009000']);
      } finally {
        await probe.close();
      }
    } finally {
      fs.rmSync(snapshots, { recursive: true, force: true });
    }
  });

  it('keeps every archive entry inside the folder it extracts to', () => {
    const header = Buffer.alloc(512);
    header.write('../escape', 0, 'latin1');
    header.write('00000000001', 124, 'latin1');
    header.write('0', 156, 'latin1');
    const content = Buffer.alloc(512);
    content.write('x');
    const target = path.join(dataDir, 'tar');
    extractTar(Buffer.concat([header, content, Buffer.alloc(1024)]), target);
    expect(fs.readFileSync(path.join(target, 'escape'), 'utf8')).toBe('x');
    expect(fs.existsSync(path.join(dataDir, 'escape'))).toBe(false);
  });
});
