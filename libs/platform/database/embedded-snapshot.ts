import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleSchema } from './module-schema';
import { EmbeddedDatabase } from './embedded-database';
import { embeddedSnapshotFile, snapshotPrefix } from './embedded-snapshot-file';
import { runMigrations } from './run-migrations';

/**
 * Migrates an empty in-memory embedded database for these modules and keeps it as a snapshot in `dir` (other
 * snapshots there are removed). Holds no installation's data: the first administrator is created at first start.
 * Returns the file, and whether it had to be made.
 */
export async function writeEmbeddedSnapshot(dir: string, manifests: ModuleSchema[]): Promise<{ file: string; made: boolean }> {
  const file = embeddedSnapshotFile(dir, manifests);
  if (fs.existsSync(file)) return { file, made: false };
  const db = await EmbeddedDatabase.start({});
  try {
    await runMigrations({ url: db.url, embedded: true, poolSize: 1, close: async () => undefined }, manifests);
    fs.mkdirSync(dir, { recursive: true });
    const prefix = snapshotPrefix(manifests);
    for (const old of fs.readdirSync(dir)) if (old.startsWith(prefix) && old.endsWith('.tar')) fs.rmSync(path.join(dir, old));
    // Written aside and renamed: a process starting meanwhile never reads half a snapshot.
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, Buffer.from(await (await db.dump()).arrayBuffer()));
    fs.renameSync(partial, file);
    return { file, made: true };
  } finally {
    await db.stop();
  }
}
