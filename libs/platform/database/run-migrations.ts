import { DataSource } from 'typeorm';
import type { ModuleSchema } from './module-schema';
import type { DatabaseHandle } from './database-handle';
import { dataSourceOptions } from './data-source-options';

// Any fixed number: replicas starting together take turns instead of running the same migration twice.
const MIGRATION_LOCK = 7_310_442_001;

/**
 * Runs the pending migrations of the platform and of the enabled modules; returns the names it ran. `then` runs on the
 * migrated database before the connection closes (e.g. to create the first administrator).
 */
export async function runMigrations(
  db: DatabaseHandle,
  manifests: ModuleSchema[],
  then?: (dataSource: DataSource) => Promise<void>,
): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(db, manifests));
  await ds.initialize();
  // The embedded database is one process with one connection: an advisory lock on a second connection would deadlock.
  const lock = db.embedded ? undefined : ds.createQueryRunner();
  try {
    await lock?.connect();
    await lock?.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await ds.query('CREATE SCHEMA IF NOT EXISTS platform');
    const ran = await ds.runMigrations({ transaction: 'each' });
    await then?.(ds);
    return ran.map((m) => m.name);
  } finally {
    await lock?.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock?.release();
    await ds.destroy();
  }
}
