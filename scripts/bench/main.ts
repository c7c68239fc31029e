import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { AppModule, DatabaseHandle, ModuleManifest, createOrganization, dataSourceOptions, loadConfig, resolveModules, runMigrations } from '../../libs/platform/runtime';
import { benchDatabase } from './bench-database';
import { seedCommerceDataset } from './commerce-dataset';
import { benchCommerceLifetime } from './commerce-lifetime';
import { benchCustomerHierarchy } from './commerce-hierarchy';
import { compareReads, recordRoutes } from './api-reads';
import { benchCrmReads } from './crm-reads';
import { benchFreshness } from './integration-freshness';
import { customerTreePairs, customerTreeRoute } from './customer-tree-reads';
import { benchAccountOverview } from './integration-overview';
import { benchBackfill } from './integration-backfill';
import { benchStrategySwitch } from './integration-strategy';
import { benchStartup } from './startup';
import { benchCsvImport } from './csv-import';
import { benchCustomerUserImport } from './customer-user-import';
import { benchContactImport } from './contact-import';

const PARTS = ['startup', 'crm', 'commerce', 'reads', 'integration', 'freshness', 'backfill', 'strategy', 'import', 'userimport', 'contactimport'];

/**
 * `npm run bench -- --scale N [--only startup|crm|commerce|reads|integration|freshness|backfill|strategy|import|userimport|contactimport] [--seconds S] [--concurrency C]
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
  if (!values.only || values.only === 'startup') for (const line of await benchStartup()) console.log(line);
  if (!values.only || values.only === 'crm') await benchCrmReads(load);
  if (!values.only || values.only === 'commerce') await benchCommerce(scale, load.seconds, load.concurrency);
  // The commerce data set's reads only (S5 on customers, S9), without the lifetime and hierarchy figures.
  if (values.only === 'reads') await benchCommerce(scale, load.seconds, load.concurrency, { readsOnly: true });
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
  if (!values.only || values.only === 'userimport') await benchCustomerUserImport({ scale });
  if (!values.only || values.only === 'contactimport') await benchContactImport({ scale });
}

/** The commerce part: the targets.md data set, then S1 (commerce), the customer hierarchy figures and S5 on customers. */
async function benchCommerce(scale: number, seconds: number, concurrency: number, { readsOnly = false } = {}): Promise<void> {
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

    if (!readsOnly) await lifetimeAndHierarchy(database, manifests, scale, organizationId);
    console.log('');
    for (const line of await customerReads({ database, manifests, seed, organizationId, seconds, concurrency })) console.log(line);
    await seed.destroy();
  } finally {
    await database.close();
  }
}

/** S1 on commerce and the customer hierarchy figures. */
async function lifetimeAndHierarchy(database: DatabaseHandle, manifests: ModuleManifest[], scale: number, organizationId: string): Promise<void> {
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
  const parents: Array<{ id: string }> = await seed.query(
    `SELECT DISTINCT parent_id::text AS id FROM commerce.customer WHERE organization_id = $1 AND parent_id IS NOT NULL`,
    [organizationId],
  );
  const randomParent = () => parents[Math.floor(Math.random() * parents.length)].id;
  const randomIds = (n: number) => Array.from({ length: n }, randomId);
  // S9: a customer group with 10 customers and one with 10 000 (or all the others at a smaller scale).
  const [few, many] = await seed.query(
    `INSERT INTO commerce.customer_group (organization_id, name) VALUES ($1, 'Ten customers'), ($1, 'Many customers') RETURNING id::text`,
    [organizationId],
  );
  await seed.query(`UPDATE commerce.customer SET group_id = $2 WHERE organization_id = $1 AND id < $3`, [organizationId, few.id, low + 10]);
  await seed.query(`UPDATE commerce.customer SET group_id = $2 WHERE organization_id = $1 AND id >= $3 AND id < $4`, [organizationId, many.id, low + 10, low + 10_010]);
  return compareReads({
    database,
    manifests,
    seed,
    organizationId,
    seconds,
    concurrency,
    routes: (baseline, pool) => {
      customerTreeRoute(baseline, pool, organizationId);
      recordRoutes(baseline, pool, {
        path: 'customers',
        table: 'commerce.customer',
        columns: `id::text, name, external_id, lifetime_sales_value::text, parent_id::text, group_id::text, owner_id::text,
                  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`,
        organizationId,
      });
    },
    pairs: [
      { name: 'GET /admin/api/customers/{id}', ours: () => `/admin/api/customers/${randomId()}`, baseline: () => `/customers/${randomId()}` },
      {
        name: 'GET /admin/api/customers?filter[name][contains]=…&page[size]=10',
        ours: () => `/admin/api/customers?filter%5Bname%5D%5Bcontains%5D=${randomDigits()}&page%5Bsize%5D=10`,
        baseline: () => `/customers?q=${randomDigits()}`,
      },
      ...customerTreePairs({ randomParent, randomIds }),
    ],
    sizes: [
      { name: 'GET /admin/api/customergroups/{id}: 10 vs 10 000 customers', few: () => `/admin/api/customergroups/${few.id}`, many: () => `/admin/api/customergroups/${many.id}` },
      { name: 'GET /admin/api/customers/{id}?include=group: group of 10 vs 10 000', few: () => `/admin/api/customers/${low}?include=group`, many: () => `/admin/api/customers/${low + 10}?include=group` },
    ],
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
