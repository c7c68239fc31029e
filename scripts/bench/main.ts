import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { AppModule, DatabaseHandle, ModuleManifest, createOrganization, dataSourceOptions, loadConfig, resolveModules, runMigrations } from '../../libs/platform';
import { benchDatabase } from './bench-database';
import { seedCommerceDataset } from './commerce-dataset';
import { benchCommerceLifetime } from './commerce-lifetime';
import { benchCustomerHierarchy } from './commerce-hierarchy';
import { compareReads, recordRoutes } from './api-reads';
import { benchCrmReads } from './crm-reads';
import { benchFreshness } from './integration-freshness';
import { benchAccountOverview } from './integration-overview';
import { benchBackfill } from './integration-backfill';
import { benchStrategySwitch } from './integration-strategy';
import { benchCsvImport } from './csv-import';

const PARTS = ['crm', 'commerce', 'integration', 'freshness', 'backfill', 'strategy', 'import'];

/**
 * `npm run bench -- --scale N [--only crm|commerce|integration|freshness|backfill|strategy|import] [--seconds S] [--concurrency C]
 * [--rate R] [--workers N[,M]] [--search]`: the speed targets of
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
      rate: { type: 'string', default: '200' },
      workers: { type: 'string', default: '1,2' },
      search: { type: 'boolean', default: false },
    },
  });
  const scale = Number(values.scale);
  if (!Number.isSafeInteger(scale) || scale < 1) throw new Error('--scale needs a positive whole number of customers/accounts.');
  if (values.only !== undefined && !PARTS.includes(values.only)) throw new Error(`--only takes ${PARTS.join(', ')}.`);
  const load = { scale, seconds: Number(values.seconds), concurrency: Number(values.concurrency) };
  if (!values.only || values.only === 'crm') await benchCrmReads(load);
  if (!values.only || values.only === 'commerce') await benchCommerce(scale, load.seconds, load.concurrency);
  if (!values.only || values.only === 'integration') await benchAccountOverview(load);
  const workers = values.workers.split(',').map(Number);
  if (workers.some((n) => !Number.isSafeInteger(n) || n < 1) || workers.some((n, i) => i > 0 && n <= workers[i - 1])) {
    throw new Error('--workers takes worker process counts in increasing order, e.g. 1 or 1,2.');
  }
  if (!values.only || values.only === 'freshness') {
    await benchFreshness({ scale, seconds: Math.max(load.seconds, 30), rate: Number(values.rate), workers, search: values.search });
  }
  if (!values.only || values.only === 'backfill') await benchBackfill({ scale });
  if (!values.only || values.only === 'strategy') await benchStrategySwitch({ scale });
  if (!values.only || values.only === 'import') await benchCsvImport({ scale });
}

/** The commerce part: the targets.md data set, then S1 (commerce), the customer hierarchy figures and S5 on customers. */
async function benchCommerce(scale: number, seconds: number, concurrency: number): Promise<void> {
  const database = await benchDatabase();
  const manifests = resolveModules(['commerce'], moduleCatalog);
  try {
    await runMigrations(database, manifests);
    const seed = await new DataSource(dataSourceOptions(database, manifests)).initialize();
    const organizationId = await createOrganization(seed, 'Bench');
    const counts = await seedCommerceDataset((sql, parameters) => seed.query(sql, parameters), organizationId, scale);
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
      const db = app.get(DataSource);
      for (const line of await benchCustomerHierarchy((sql, parameters) => db.query(sql, parameters), organizationId)) console.log(line);
    } finally {
      await app.close();
    }
    console.log('');
    for (const line of await customerReads({ database, manifests, seed, organizationId, seconds, concurrency })) console.log(line);
    await seed.destroy();
  } finally {
    await database.close();
  }
}

/** S5 on customers: a single customer and a `contains` filter on names, against the bare baseline. */
interface CommerceBench {
  database: DatabaseHandle;
  manifests: ModuleManifest[];
  seed: DataSource;
  organizationId: string;
  seconds: number;
  concurrency: number;
}

async function customerReads({ database, manifests, seed, organizationId, seconds, concurrency }: CommerceBench) {
  const [{ low, high }] = await seed.query(`SELECT min(id)::int AS low, max(id)::int AS high FROM commerce.customer WHERE organization_id = $1`, [organizationId]);
  const randomId = () => String(low + Math.floor(Math.random() * (high - low + 1)));
  const randomDigits = () => String(Math.floor(Math.random() * (high - low + 1)) + low).slice(0, 3);
  return compareReads({
    database,
    manifests,
    seed,
    organizationId,
    seconds,
    concurrency,
    routes: (baseline, pool) =>
      recordRoutes(baseline, pool, {
        path: 'customers',
        table: 'commerce.customer',
        columns: `id::text, name, external_id, lifetime_sales_value::text, parent_id::text, group_id::text, owner_id::text,
                  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`,
        organizationId,
      }),
    pairs: [
      { name: 'GET /admin/api/customers/{id}', ours: () => `/admin/api/customers/${randomId()}`, baseline: () => `/customers/${randomId()}` },
      {
        name: 'GET /admin/api/customers?filter[name][contains]=…&page[size]=10',
        ours: () => `/admin/api/customers?filter%5Bname%5D%5Bcontains%5D=${randomDigits()}&page%5Bsize%5D=10`,
        baseline: () => `/customers?q=${randomDigits()}`,
      },
    ],
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
