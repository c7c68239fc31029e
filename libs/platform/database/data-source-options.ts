import type { DataSourceOptions } from 'typeorm';
import type { ModuleSchema } from './module-schema';
import type { DatabaseHandle } from './database-handle';
import { migrationsOf } from './platform-schema';

/**
 * TypeORM options for the enabled modules: ONLY their migrations, tracked in `platform.migrations` (modules write SQL
 * through their stores; there are no entities).
 */
export function dataSourceOptions(db: DatabaseHandle, manifests: ModuleSchema[]): DataSourceOptions {
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
    extra: {
      max: db.poolSize,
      connectionTimeoutMillis: db.embedded ? 60_000 : 10_000,
      // The embedded database has one session for every connection: a new connection starts without the prepared
      // statements an earlier one (e.g. a process that used the same data folder before) left in it, as it would on
      // a server.
      ...(db.embedded ? { onConnect: (client: { query(sql: string): Promise<unknown> }) => client.query('DEALLOCATE ALL') } : {}),
    },
  };
}
