import * as os from 'node:os';
import Fastify, { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { DatabaseHandle, ModuleManifest, createHttpApp, createUser, loadConfig } from '../../libs/platform/runtime';
import { LoadResult, runLoad } from './load';

/** One S5 row: the product's URL and the bare baseline's URL for the same read. */
export interface ReadPair {
  name: string;
  ours: () => string;
  baseline: () => string;
}

/** One S9 row: the same read of a record with few and with many records pointing at it. */
export interface SizePair {
  name: string;
  few: () => string;
  many: () => string;
}

/**
 * S5: JSON:API reads through the whole product (auth, permissions, engine, Fastify) against a bare Fastify + `pg`
 * handler running the equivalent SQL, on the same database in the same run. `routes` mounts the baseline's handlers.
 * Returns markdown table lines.
 */
export async function compareReads(options: {
  database: DatabaseHandle;
  manifests: ModuleManifest[];
  seed: DataSource;
  organizationId: string;
  routes: (baseline: FastifyInstance, pool: Pool) => void;
  pairs: ReadPair[];
  /** S9: reads compared with each other on the product, not with the baseline. */
  sizes?: SizePair[];
  concurrency: number;
  seconds: number;
}): Promise<string[]> {
  const { database, manifests, concurrency, seconds } = options;
  await createUser(options.seed, { email: 'reader@example.com', password: 'bench password', organizationId: options.organizationId, roleCodes: ['ADMINISTRATOR'] });
  const modules = manifests.map((m) => m.name).join(',');
  const config = { ...loadConfig({ MODULES: modules, LOG_LEVEL: 'silent', DATABASE_URL: database.embedded ? undefined : database.url, RATE_LIMIT_MAX: '0' }), dbPoolSize: database.poolSize };
  const app = await createHttpApp({ config, manifests, database }, pino({ level: 'silent' }));
  const pool = new Pool({ connectionString: database.url, max: database.poolSize });
  const baseline = Fastify();
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.getHttpServer().address() as { port: number }).port;
    options.routes(baseline, pool);
    await baseline.listen({ port: 0, host: '127.0.0.1' });
    const basePort = (baseline.server.address() as { port: number }).port;
    const headers = { authorization: `Bearer ${await tokenFor(port)}`, accept: 'application/vnd.api+json' };
    // The machine is shared: the two sides of a comparison run in alternating rounds, so that others' load falls on
    // both alike. Throughput over all rounds; latencies are the median of the rounds' percentiles.
    const compare = (a: () => Promise<LoadResult>, b: () => Promise<LoadResult>) => alternate(a, b, ROUNDS);
    const round = (p: number, paths: () => string) => () => runLoad({ port: p, paths, headers, concurrency, seconds: seconds / ROUNDS });
    const lines = [
      '| request | ours p50 / p95 / p99 ms | ours req/s | baseline p95 ms | baseline req/s | throughput ratio | errors |',
      '|---|---|---|---|---|---|---|',
    ];
    for (const pair of options.pairs) {
      const [ours, base] = await compare(round(port, pair.ours), round(basePort, pair.baseline));
      lines.push(
        `| ${pair.name} | ${ours.p50.toFixed(2)} / ${ours.p95.toFixed(2)} / ${ours.p99.toFixed(2)} | ${rate(ours).toFixed(0)} | ` +
          `${base.p95.toFixed(2)} | ${rate(base).toFixed(0)} | ${(rate(ours) / rate(base)).toFixed(2)} | ${ours.errors} |`,
      );
    }
    if (options.sizes?.length) lines.push('', ...(await compareSizes(options.sizes, (few, many) => compare(round(port, few), round(port, many)), port, headers)));
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    lines.push(
      '',
      `concurrency=${concurrency} seconds=${seconds} per side in ${ROUNDS} alternating rounds, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs ` +
        `(bench process RSS ${rss} MB: app, baseline and load generator together)`,
    );
    return lines;
  } finally {
    await app.close();
    await baseline.close();
    await pool.end();
  }
}

const ROUNDS = 5;
const rate = (r: LoadResult) => r.requests / r.seconds;

/** Runs `a` and `b` in turns, `rounds` times each; merges each side's rounds. */
async function alternate(a: () => Promise<LoadResult>, b: () => Promise<LoadResult>, rounds: number): Promise<[LoadResult, LoadResult]> {
  const results: [LoadResult[], LoadResult[]] = [[], []];
  for (let i = 0; i < rounds; i++) {
    results[0].push(await a());
    results[1].push(await b());
  }
  return [merge(results[0]), merge(results[1])];
}

function merge(results: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => results.reduce((total, r) => total + f(r), 0);
  const median = (f: (r: LoadResult) => number) => results.map(f).sort((x, y) => x - y)[Math.floor(results.length / 2)];
  return { requests: sum((r) => r.requests), errors: sum((r) => r.errors), seconds: sum((r) => r.seconds), p50: median((r) => r.p50), p95: median((r) => r.p95), p99: median((r) => r.p99) };
}

/** S9 table lines: latency, throughput and answer size of each read with few and with many records pointing at it. */
async function compareSizes(
  sizes: SizePair[],
  compare: (few: () => string, many: () => string) => Promise<[LoadResult, LoadResult]>,
  port: number,
  headers: Record<string, string>,
): Promise<string[]> {
  const bytes = async (path: string) => (await (await fetch(`http://127.0.0.1:${port}${path}`, { headers })).arrayBuffer()).byteLength;
  const lines = [
    '| S9 request | few: p50 / p95 ms, req/s, bytes | many: p50 / p95 ms, req/s, bytes | many ÷ few throughput | errors |',
    '|---|---|---|---|---|',
  ];
  for (const size of sizes) {
    const [few, many] = await compare(size.few, size.many);
    const cell = async (r: LoadResult, path: string) => `${r.p50.toFixed(2)} / ${r.p95.toFixed(2)}, ${rate(r).toFixed(0)}, ${await bytes(path)}`;
    lines.push(`| ${size.name} | ${await cell(few, size.few())} | ${await cell(many, size.many())} | ${(rate(many) / rate(few)).toFixed(2)} | ${few.errors + many.errors} |`);
  }
  return lines;
}

/**
 * The baseline's two handlers for a table of named records: `GET /{path}/:id` (the given columns of one record of the
 * organization) and `GET /{path}?q=` (ids and names containing q, first 11 by numeric id, as the engine's page of 10 asks).
 */
export function recordRoutes(baseline: FastifyInstance, pool: Pool, options: { path: string; table: string; columns: string; organizationId: string }): void {
  const { path, table, columns, organizationId } = options;
  baseline.get<{ Params: { id: string } }>(`/${path}/:id`, async (request) => {
    const { rows } = await pool.query(`SELECT ${columns} FROM ${table} WHERE id = $1 AND organization_id = $2`, [request.params.id, organizationId]);
    return { data: rows[0] };
  });
  baseline.get<{ Querystring: { q: string } }>(`/${path}`, async (request) => {
    // `r.id`, not `id`: the select list's `id` is the text, and ordering by it is another order (and another plan).
    const { rows } = await pool.query(`SELECT r.id::text, r.name FROM ${table} r WHERE r.organization_id = $1 AND r.name ILIKE $2 ORDER BY r.id LIMIT 11`, [
      organizationId,
      `%${request.query.q}%`,
    ]);
    return { data: rows };
  });
}

export async function tokenFor(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/oauth2-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', client_id: 'backoffice', username: 'reader@example.com', password: 'bench password' }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
