import Fastify from 'fastify';
import { Pool } from 'pg';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { createHttpApp, createOrganization, createUser, dataSourceOptions, loadConfig, resolveModules, runMigrations } from '../../libs/platform';
import { benchDatabase } from './bench-database';
import { LoadResult, runLoad } from './load';

/**
 * JSON:API reads of accounts through the whole product (auth, permissions, engine, Fastify) against a bare Fastify +
 * pg handler running the equivalent SQL, on the same database in the same run (S5 on CRM accounts).
 */
export async function benchCrmReads({ scale, seconds, concurrency }: { scale: number; seconds: number; concurrency: number }): Promise<void> {
  const database = await benchDatabase();
  const manifests = resolveModules(['crm'], moduleCatalog);
  try {
    await runMigrations(database, manifests);
    // TypeORM's query() answers with the rows, which the platform's helpers expect.
    const seed = await new DataSource(dataSourceOptions(database, manifests)).initialize();
    const organizationId = await createOrganization(seed, 'Bench');
    await createUser(seed, { email: 'bench@example.com', password: 'bench password', organizationId, roleCodes: ['ADMINISTRATOR'] });
    const t0 = Date.now();
    await seed.query(
      `INSERT INTO crm.account (organization_id, owner_id, name, external_id)
       SELECT $1, 1, 'Account ' || i || ' ' || md5(i::text), 'EXT-' || i FROM generate_series(1, $2::int) i`,
      [organizationId, scale],
    );
    await seed.query('ANALYZE');
    await seed.destroy();
    console.log(`Seeded ${scale} accounts in ${Date.now() - t0} ms (${database.embedded ? 'embedded database' : 'PostgreSQL'})`);

    const config = { ...loadConfig({ MODULES: 'crm', LOG_LEVEL: 'silent', DATABASE_URL: database.embedded ? undefined : database.url }), dbPoolSize: database.poolSize };
    const app = await createHttpApp({ config, manifests, database }, pino({ level: 'silent' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.getHttpServer().address() as { port: number }).port;
    const token = await tokenFor(port);

    const pool = new Pool({ connectionString: database.url, max: database.poolSize });
    const baseline = Fastify();
    baseline.get<{ Params: { id: string } }>('/accounts/:id', async (request) => {
      const { rows } = await pool.query(
        `SELECT id::text, name, description, external_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
         FROM crm.account WHERE id = $1 AND organization_id = $2`,
        [request.params.id, organizationId],
      );
      return { data: rows[0] };
    });
    baseline.get<{ Querystring: { q: string } }>('/accounts', async (request) => {
      const { rows } = await pool.query(
        `SELECT id::text, name FROM crm.account WHERE organization_id = $1 AND name ILIKE $2 ORDER BY id LIMIT 11`,
        [organizationId, `%${request.query.q}%`],
      );
      return { data: rows };
    });
    await baseline.listen({ port: 0, host: '127.0.0.1' });
    const basePort = (baseline.server.address() as { port: number }).port;

    const randomId = () => String(1 + Math.floor(Math.random() * scale));
    const randomWord = () => Math.floor(Math.random() * scale).toString(16).slice(0, 3);
    const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.api+json' };
    const load = (p: number, paths: () => string) => runLoad({ port: p, paths, headers, concurrency, seconds });
    const rows: Array<[string, LoadResult, LoadResult]> = [
      ['GET /admin/api/accounts/{id}', await load(port, () => `/admin/api/accounts/${randomId()}`), await load(basePort, () => `/accounts/${randomId()}`)],
      [
        'GET /admin/api/accounts?filter[name][contains]=…&page[size]=10',
        await load(port, () => `/admin/api/accounts?filter%5Bname%5D%5Bcontains%5D=${randomWord()}&page%5Bsize%5D=10`),
        await load(basePort, () => `/accounts?q=${randomWord()}`),
      ],
    ];
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    console.log(`\nscale=${scale} concurrency=${concurrency} seconds=${seconds} (bench process RSS ${rss} MB: app, baseline and load generator together)\n`);
    console.log('| request | ours p50 / p95 / p99 ms | ours req/s | baseline p95 ms | baseline req/s | throughput ratio | errors |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [name, ours, base] of rows) {
      const rate = (r: LoadResult) => r.requests / r.seconds;
      console.log(
        `| ${name} | ${ours.p50.toFixed(2)} / ${ours.p95.toFixed(2)} / ${ours.p99.toFixed(2)} | ${rate(ours).toFixed(0)} | ${base.p95.toFixed(2)} | ${rate(base).toFixed(0)} | ${(rate(ours) / rate(base)).toFixed(2)} | ${ours.errors} |`,
      );
    }
    await app.close();
    await baseline.close();
    await pool.end();
  } finally {
    await database.close();
  }
}

async function tokenFor(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/oauth2-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', client_id: 'backoffice', username: 'bench@example.com', password: 'bench password' }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
