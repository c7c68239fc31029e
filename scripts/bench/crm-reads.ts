import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { createOrganization, dataSourceOptions, resolveModules, runMigrations } from '../../libs/platform/runtime';
import { compareReads, recordRoutes } from './api-reads';
import { benchDatabase } from './bench-database';

/** S5 on CRM accounts: `scale` accounts, then single reads and a `contains` filter against the bare baseline. */
export async function benchCrmReads({ scale, seconds, concurrency }: { scale: number; seconds: number; concurrency: number }): Promise<void> {
  const database = await benchDatabase();
  const manifests = resolveModules(['crm'], moduleCatalog);
  try {
    await runMigrations(database, manifests);
    // TypeORM's query() answers with the rows, which the platform's helpers expect.
    const seed = await new DataSource(dataSourceOptions(database, manifests)).initialize();
    const organizationId = await createOrganization(seed, 'Bench');
    const t0 = Date.now();
    await seed.query(
      `INSERT INTO crm.account (organization_id, owner_id, name, external_id)
       SELECT $1, 1, 'Account ' || i || ' ' || md5(i::text), 'EXT-' || i FROM generate_series(1, $2::int) i`,
      [organizationId, scale],
    );
    await seed.query('ANALYZE');
    console.log(`Seeded ${scale} accounts in ${Date.now() - t0} ms (${database.embedded ? 'embedded database' : 'PostgreSQL'})\n`);

    const randomId = () => String(1 + Math.floor(Math.random() * scale));
    const randomWord = () => Math.floor(Math.random() * scale).toString(16).slice(0, 3);
    const lines = await compareReads({
      database,
      manifests,
      seed,
      organizationId,
      concurrency,
      seconds,
      routes: (baseline, pool) =>
        recordRoutes(baseline, pool, {
          path: 'accounts',
          table: 'crm.account',
          columns: `id::text, name, description, external_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`,
          organizationId,
        }),
      pairs: [
        { name: 'GET /admin/api/accounts/{id}', ours: () => `/admin/api/accounts/${randomId()}`, baseline: () => `/accounts/${randomId()}` },
        {
          name: 'GET /admin/api/accounts?filter[name][contains]=…&page[size]=10',
          ours: () => `/admin/api/accounts?filter%5Bname%5D%5Bcontains%5D=${randomWord()}&page%5Bsize%5D=10`,
          baseline: () => `/accounts?q=${randomWord()}`,
        },
      ],
    });
    await seed.destroy();
    console.log(`scale=${scale}\n`);
    for (const line of lines) console.log(line);
  } finally {
    await database.close();
  }
}
