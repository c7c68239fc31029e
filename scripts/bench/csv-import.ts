import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { getHeapStatistics } from 'node:v8';
import { Readable } from 'node:stream';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { benchDatabase } from './bench-database';
import { importBenchApp, importBenchOrganization, runBenchImport, timeRolledBack } from './import-bench-kit';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { from: copyFrom } = require('pg-copy-streams') as { from: (sql: string) => NodeJS.WritableStream };

/**
 * S3: a CSV import of N customers (1% roots, the others children of a root named by `Parent Name`, listed before their
 * root), through `Imports.start` and the operation's job as the worker runs it; with commerce alone and with the
 * integration (accounts created). Baseline in the same run: a raw `COPY` of the same names into the same tables
 * (customers; and accounts with the integration) on PostgreSQL, in a rolled-back transaction; the embedded database
 * cannot COPY FROM STDIN, so there it is one multi-row `INSERT … SELECT unnest(…)`. Peak RSS is sampled every 50 ms.
 * With the integration on PostgreSQL it also prints the floor: a COPY of every row the import writes.
 */
export async function benchCsvImport({ scale }: { scale: number }): Promise<void> {
  // The worker's start script caps V8's old space (`npm run worker`); run the bench with the same flag
  // (`NODE_OPTIONS=--max-old-space-size=256`) to measure its memory as it runs.
  const heapLimit = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  console.log(`\nS3 CSV import, scale=${scale} (${process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'embedded database'}; the bench process is the worker; V8 heap limit ${heapLimit} MB)\n`);
  console.log('| modules | rows | ours ms (of which outside the chunks: reading the file in the worker, commits) | rows/s | baseline ms | ratio | worker CPU ms | peak RSS MB (before the import) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const modules of [['commerce'], ['crm', 'commerce', 'integration']]) {
    const database = await benchDatabase();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
    try {
      const { manifests, organizationId, userId } = await importBenchOrganization(database, modules);
      // Written as a stream, and the names made again for the baseline: the bench keeps no row in memory itself.
      const file = path.join(folder, 'customers.csv');
      await pipeline(
        Readable.from((function* () {
          yield 'Name,Parent Name\n';
          for (let i = 0; i < scale; i++) yield i % 100 === 99 ? `${nameOf(i)},\n` : `${nameOf(i)},${nameOf(Math.min(scale, (Math.floor(i / 100) + 1) * 100) - 1)}\n`;
        })()),
        fs.createWriteStream(file),
      );

      const app = await importBenchApp(database, modules, manifests);
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      let ms: number;
      let planned = 0;
      // The worker's own CPU time (JavaScript, GC, the driver): what is left of `ours` is the database's work and waits.
      let cpu = 0;
      try {
        let id: string;
        ({ id, ms, cpuMs: cpu } = await runBenchImport(app, organizationId, userId, 'customers', file));
        // What is not the chunks' own time is reading the file into chunks, and the statements around each chunk (its
        // BEGIN and COMMIT, the job's own).
        const [{ chunks }] = await app.get(DataSource).query(`SELECT aggregate_time_ms::int AS chunks FROM platform.async_operation WHERE id = $1`, [id]);
        planned = ms - chunks;
        const [check] = await app.get(DataSource).query(`SELECT count(*)::int AS customers, count(parent_id)::int AS children FROM commerce.customer WHERE organization_id = $1`, [organizationId]);
        if (check.customers !== scale) throw new Error(`The import wrote ${check.customers} customers, not ${scale}`);
      } finally {
        clearInterval(sampler);
        await app.close();
      }
      const baseline = await rawLoad(database.url, database.embedded, organizationId, userId, scale, modules.includes('integration'));
      const label = modules.includes('integration') ? 'with integration (accounts created)' : 'commerce only';
      console.log(
        `| ${label} | ${scale} | ${Math.round(ms)} (read ${Math.round(planned)}) | ${Math.round((scale * 1000) / ms)} | ${Math.round(baseline)} (${database.embedded ? 'INSERT … unnest' : 'COPY'}) | ${(ms / baseline).toFixed(1)} | ${Math.round(cpu)} | ${Math.round(peak / 1024 / 1024)} (${Math.round(before / 1024 / 1024)} before) |`,
      );
      if (modules.includes('integration') && !database.embedded) {
        const floor = await everyRowCopied(database.url, organizationId, userId, scale);
        console.log(`| floor: COPY of every row the import writes per customer (customer, account, its two associations, link) | ${scale} | ${Math.round(floor)} | ${Math.round((scale * 1000) / floor)} | | | | |`);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
      await database.close();
    }
  }
  console.log('\nTargets: ≥ 20 000 rows/s on PostgreSQL, ≤ 3× COPY, flat RSS ≤ 300 MB.');
}

/** The same names loaded raw into the same tables (customers, and accounts with the integration), rolled back. */
function nameOf(i: number): string {
  return `Bench customer ${i + 1}`;
}

async function rawLoad(url: string, embedded: boolean, organizationId: string, ownerId: string, scale: number, accounts: boolean): Promise<number> {
  return timeRolledBack(url, async (client) => {
    for (const table of ['commerce.customer', ...(accounts ? ['crm.account'] : [])]) {
      if (embedded) {
        const names = Array.from({ length: scale }, (_, i) => nameOf(i));
        await client.query(`INSERT INTO ${table} (organization_id, owner_id, name) SELECT $1, $2, unnest($3::text[])`, [organizationId, ownerId, names]);
      } else {
        await copyRows(client, `COPY ${table} (organization_id, owner_id, name) FROM STDIN`, scale, (i) => `${organizationId}\t${ownerId}\t${nameOf(i)}\n`);
      }
    }
  });
}

/**
 * The floor of an import with the integration: a `COPY` of every row it writes per customer (the customer, its
 * account, the account's own association and the customer's identity, the link), ids given, rolled back. No import
 * can write the same rows faster than this on the same machine.
 */
async function everyRowCopied(url: string, organizationId: string, ownerId: string, scale: number): Promise<number> {
  const first = 1_000_000_000_000;
  const copy = (client: Client, sql: string, line: (i: number) => string) => copyRows(client, sql, scale, line);
  return timeRolledBack(url, async (client) => {
    const o = organizationId;
    await copy(client, `COPY commerce.customer (id, organization_id, owner_id, name) FROM STDIN`, (i) => `${first + i}\t${o}\t${ownerId}\t${nameOf(i)}\n`);
    await copy(client, `COPY crm.account (id, organization_id, owner_id, name) FROM STDIN`, (i) => `${first + i}\t${o}\t${ownerId}\t${nameOf(i)}\n`);
    await copy(client, `COPY crm.customer_association (id, organization_id, account_id) FROM STDIN`, (i) => `${first + 2 * i}\t${o}\t${first + i}\n`);
    await copy(
      client,
      `COPY crm.customer_association (id, organization_id, account_id, target_type, target_id) FROM STDIN`,
      (i) => `${first + 2 * i + 1}\t${o}\t${first + i}\tcommerce.customer\t${first + i}\n`,
    );
    await copy(
      client,
      `COPY integration.customer_account (customer_id, organization_id, account_id, association_id) FROM STDIN`,
      (i) => `${first + i}\t${o}\t${first + i}\t${first + 2 * i + 1}\n`,
    );
  });
}

/** `COPY … FROM STDIN` of `count` lines made one at a time (nothing kept in memory). */
function copyRows(client: Client, sql: string, count: number, line: (i: number) => string): Promise<void> {
  return pipeline(
    Readable.from((function* () {
      for (let i = 0; i < count; i++) yield line(i);
    })()),
    client.query(copyFrom(sql) as never) as unknown as NodeJS.WritableStream,
  );
}
