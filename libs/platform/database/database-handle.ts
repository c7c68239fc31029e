import type { AppConfig } from '../config/app-config';
import type { ModuleSchema } from './module-schema';
import { EmbeddedDatabase } from './embedded-database';
import { findEmbeddedSnapshot } from './embedded-snapshot-file';

/** Where the application's database is, and how to let go of it. */
export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  poolSize: number;
  close(): Promise<void>;
}

/**
 * The configured PostgreSQL when `DATABASE_URL` is set, otherwise the embedded one kept in `DATA_DIR`. A new `DATA_DIR`
 * starts from the build's migrated snapshot of the enabled modules when there is one (no initdb, no migration but
 * those newer than the snapshot).
 */
export async function openDatabase(config: AppConfig, manifests: ModuleSchema[] = []): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, poolSize: config.dbPoolSize, close: async () => undefined };
  }
  const snapshotFile = findEmbeddedSnapshot(config.embeddedSnapshotDir, manifests);
  const db = await EmbeddedDatabase.start({ dataDir: config.dataDir, snapshotFile, sharedBuffers: config.embeddedSharedBuffers });
  return { url: db.url, embedded: true, poolSize: 1, close: () => db.stop() };
}
