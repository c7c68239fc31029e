import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule, DatabaseHandle, MessagingRegistry, ModuleManifest, loadConfig } from '../../libs/platform/runtime';
import type { Query } from './commerce-dataset';

/** The product with every module, as the worker runs it but without its loops: jobs are run by the benchmark. */
export async function integrationContext(database: DatabaseHandle, manifests: ModuleManifest[]): Promise<INestApplicationContext> {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: database.embedded ? undefined : database.url }), dbPoolSize: database.poolSize };
  return NestFactory.createApplicationContext(AppModule.forRoot({ config, manifests, database }), { logger: false });
}

/** Runs a registered job to its end as the CLI does, printing a progress line every few seconds; returns milliseconds. */
export async function runJob(app: INestApplicationContext, name: string, data: object): Promise<number> {
  const job = app.get(MessagingRegistry).job(name);
  if (!job) throw new Error(`The ${name} job is not loaded`);
  let printedAt = Date.now();
  const started = process.hrtime.bigint();
  await job.processor.run(data, {
    attempt: 1,
    key: `${name}:bench`,
    progress: (done, total) => {
      if (Date.now() - printedAt < 5000) return;
      printedAt = Date.now();
      console.log(`  … ${done}/${total}`);
    },
  });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Times hand-written SQL in a transaction that is rolled back, so that the product then starts from the same data;
 * the best of `rounds`, each followed by a VACUUM ANALYZE of what it touched.
 */
export async function timeRolledBack(db: DataSource, rounds: number, work: (query: Query) => Promise<unknown>, vacuum: string[]): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const started = process.hrtime.bigint();
      await work((sql, parameters) => runner.query(sql, parameters));
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    for (const table of vacuum) await db.query(`VACUUM ANALYZE ${table}`);
  }
  return best;
}

export const ratioLine = (what: string, ours: number, baseline: number, target: string) =>
  `| ${what} | ${Math.round(ours)} | ${Math.round(baseline)} | ${(ours / baseline).toFixed(2)} | ${target} |`;
