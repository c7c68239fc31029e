import type { DataSourceOptions } from 'typeorm';
import type { ModuleManifest } from '../modules/module-manifest';
import type { DatabaseHandle } from './database-handle';
import { migrationsOf } from './platform-schema';

/**
 * TypeORM options for the enabled modules: ONLY their migrations, tracked in `platform.migrations` (modules write SQL
 * through their stores; there are no entities).
 */
export function dataSourceOptions(db: DatabaseHandle, manifests: ModuleManifest[]): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.url,
    migrations: migrationsOf(manifests),
    migrationsTableName: 'migrations',
    schema: 'platform',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // Waiting longer than this for a pooled connection answers 503. The embedded database, in the process, is never
    // away: its one connection is only busy, so requests queue for it longer before being refused.
    extra: { max: db.poolSize, connectionTimeoutMillis: db.embedded ? 60_000 : 10_000 },
  };
}
