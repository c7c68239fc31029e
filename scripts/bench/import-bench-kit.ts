import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import {
  AppModule,
  CALLER_RESOLVER,
  type CallerResolver,
  type DatabaseHandle,
  Imports,
  MessagingRegistry,
  type ModuleManifest,
  createOrganization,
  createUser,
  dataSourceOptions,
  loadConfig,
  resolveModules,
  runMigrations,
} from '../../libs/platform/runtime';

/** The import benches' set-up: the modules migrated, an organization with an administrator, then `seed` for the rest. */
export async function importBenchOrganization(
  database: DatabaseHandle,
  modules: string[],
  seed?: (db: DataSource, organizationId: string, userId: string) => Promise<void>,
): Promise<{ manifests: ModuleManifest[]; organizationId: string; userId: string }> {
  const manifests = resolveModules(modules, moduleCatalog);
  await runMigrations(database, manifests);
  const db = await new DataSource(dataSourceOptions(database, manifests)).initialize();
  try {
    const organizationId = await createOrganization(db, 'Bench');
    const userId = await createUser(db, { email: 'bench@example.com', password: 'bench-password', organizationId, roleCodes: ['ADMINISTRATOR'] });
    await seed?.(db, organizationId, userId);
    return { manifests, organizationId, userId };
  } finally {
    await db.destroy();
  }
}

/** The application as the worker runs it (no background loops: the bench runs the operation's job itself). */
export function importBenchApp(database: DatabaseHandle, modules: string[], manifests: ModuleManifest[]): Promise<INestApplicationContext> {
  const config = { ...loadConfig({ MODULES: modules.join(','), LOG_LEVEL: 'silent', DATABASE_URL: database.embedded ? undefined : database.url }), dbPoolSize: database.poolSize };
  return NestFactory.createApplicationContext(AppModule.forRoot({ config, manifests, database }), { logger: false });
}

/** One import of `file` as the administrator, run to its end as the worker's job runs it; its wall and CPU time. */
export async function runBenchImport(app: INestApplicationContext, organizationId: string, userId: string, type: string, file: string) {
  const caller = (await app.get<CallerResolver>(CALLER_RESOLVER).forUser('admin', organizationId, userId))!;
  const started = process.hrtime.bigint();
  const startedCpu = process.cpuUsage();
  const { id } = await app.get(Imports).start(type, file, caller, false);
  await app.get(MessagingRegistry).job('platform.run-async-operation')!.processor.run({ operationId: id }, { attempt: 1, key: 'bench' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(startedCpu);
  return { id, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** The baseline's raw writes timed in a transaction of their own, then rolled back (the import's rows stay alone). */
export async function timeRolledBack(url: string, write: (client: Client) => Promise<unknown>): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const started = process.hrtime.bigint();
    await write(client);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    await client.query('ROLLBACK');
    return ms;
  } finally {
    await client.end();
  }
}
