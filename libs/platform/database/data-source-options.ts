import type { DataSourceOptions } from 'typeorm';
import type { ModuleManifest } from '../modules/module-manifest';
import type { DatabaseHandle } from './database-handle';
import { migrationsOf, platformManifestParts } from './platform-schema';

/** TypeORM options for the enabled modules: their entities and ONLY their migrations, tracked in `platform.migrations`. */
export function dataSourceOptions(db: DatabaseHandle, manifests: ModuleManifest[]): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.url,
    entities: [...platformManifestParts.entities, ...manifests.flatMap((m) => m.entities)],
    migrations: migrationsOf(manifests),
    migrationsTableName: 'migrations',
    schema: 'platform',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: db.poolSize, connectionTimeoutMillis: 10_000 },
  };
}
