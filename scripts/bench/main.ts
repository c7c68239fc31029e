import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { AppModule, createOrganization, dataSourceOptions, loadConfig, resolveModules, runMigrations } from '../../libs/platform';
import { benchDatabase } from './bench-database';
import { seedCommerceDataset } from './commerce-dataset';
import { benchCommerceLifetime } from './commerce-lifetime';
import { benchCrmReads } from './crm-reads';

/**
 * `npm run bench -- --scale N [--only crm|commerce] [--seconds S] [--concurrency C]`: the speed targets of
 * shared/spec/targets.md, each against a baseline measured in the same run on the same database. Uses
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) when set, else the embedded database. Each part gets a fresh database.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '10000' },
      only: { type: 'string' },
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '16' },
    },
  });
  const scale = Number(values.scale);
  if (!Number.isSafeInteger(scale) || scale < 1) throw new Error('--scale needs a positive whole number of customers/accounts.');
  if (values.only !== undefined && !['crm', 'commerce'].includes(values.only)) throw new Error('--only takes crm or commerce.');
  if (!values.only || values.only === 'crm') await benchCrmReads({ scale, seconds: Number(values.seconds), concurrency: Number(values.concurrency) });
  if (!values.only || values.only === 'commerce') await benchCommerce(scale);
}

/** The commerce part: the targets.md data set, then S1 (commerce) and the customer hierarchy figures. */
async function benchCommerce(scale: number): Promise<void> {
  const database = await benchDatabase();
  const manifests = resolveModules(['commerce'], moduleCatalog);
  try {
    await runMigrations(database, manifests);
    const seed = await new DataSource(dataSourceOptions(database, manifests)).initialize();
    const organizationId = await createOrganization(seed, 'Bench');
    const counts = await seedCommerceDataset((sql, parameters) => seed.query(sql, parameters), organizationId, scale);
    await seed.destroy();
    console.log(
      `\nSeeded ${counts.customers} customers, ${counts.customerUsers} customer users, ${counts.orders} orders (${counts.paidOrders} paid in full) ` +
        `in ${counts.ms} ms (${database.embedded ? 'embedded database' : 'PostgreSQL'})\n`,
    );

    const config = { ...loadConfig({ MODULES: 'commerce', LOG_LEVEL: 'silent', DATABASE_URL: database.embedded ? undefined : database.url }), dbPoolSize: database.poolSize };
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, manifests, database }), { logger: false });
    try {
      const lines = await benchCommerceLifetime(app);
      console.log(`scale=${scale}\n`);
      console.log('| what | ours ms, median (best) | baseline ms, median (best) | ratio | target |');
      console.log('|---|---|---|---|---|');
      for (const line of lines) console.log(line);
      console.log('');
      for (const line of await customerHierarchyLines(app.get(DataSource), organizationId)) console.log(line);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/**
 * The customer hierarchy figures from scripts/bench/commerce-hierarchy.ts (written by the customers work), when that
 * file exists: `benchCustomerHierarchy(query, organizationId)` returns markdown table lines. Loaded by path so that
 * this script runs before it exists.
 */
async function customerHierarchyLines(db: DataSource, organizationId: string): Promise<string[]> {
  const file = path.join(__dirname, 'commerce-hierarchy.ts');
  if (!fs.existsSync(file)) {
    console.log('(scripts/bench/commerce-hierarchy.ts does not exist yet: no customer hierarchy figures)');
    return [];
  }
  const { benchCustomerHierarchy } = require(file) as {
    benchCustomerHierarchy: (query: (sql: string, parameters?: unknown[]) => Promise<any[]>, organizationId: string) => Promise<string[]>;
  };
  return benchCustomerHierarchy((sql, parameters) => db.query(sql, parameters), organizationId);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
