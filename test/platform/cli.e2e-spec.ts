import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { DeadLetterStore } from '../../libs/platform/runtime';
import { cliDatabase } from '../harness/cli-database';
import { expectedMigrations } from '../harness/expected-migrations';
import { spawnEntry } from '../harness/spawn-process';

async function cli(env: Record<string, string | undefined>, ...args: string[]) {
  const run = spawnEntry('apps/cli/main.ts', { LOG_LEVEL: 'silent', REDIS_URL: undefined, ...env }, args);
  return { code: await run.exited, output: run.output() };
}

/** Orders of three customers, then `commerce:lifetime:recalculate`: values from the paid, not cancelled orders, and the event. */
async function commerceLifetimeRecalculation(db: Awaited<ReturnType<typeof cliDatabase>>) {
  const handle = await db.open();
  const ds = await new DataSource({ type: 'postgres', url: handle.url, extra: { max: 1 } }).initialize();
  const [{ id: organizationId }] = await ds.query(`SELECT min(id)::text AS id FROM platform.organization`);
  const customers: Array<{ id: string }> = await ds.query(
    `INSERT INTO commerce.customer (organization_id, name, lifetime_sales_value) SELECT $1, 'C' || i, 99 FROM generate_series(1, 3) i RETURNING id::text AS id`,
    [organizationId],
  );
  const [paid, cancelled] = customers;
  await ds.query(
    `INSERT INTO commerce.order (organization_id, identifier, customer_id, currency, subtotal, total, base_subtotal, internal_status, payment_status)
     VALUES ($1, 'A', $2, 'EUR', 10, 10, 11, 'closed', 'full'), ($1, 'B', $2, 'USD', 5.5, 5.5, 5.5, 'open', 'full'),
            ($1, 'C', $2, 'USD', 7, 7, NULL, 'open', 'pending'), ($1, 'D', $3, 'USD', 8, 8, 8, 'cancelled', 'full')`,
    [organizationId, paid.id, cancelled.id],
  );
  await ds.destroy();
  if (handle.embedded) await handle.close();

  // Progress as plain lines (not a terminal): the one set-based step started and finished.
  expect(await cli({ ...db.env, MODULES: 'commerce' }, 'commerce:lifetime:recalculate')).toEqual({
    code: 0,
    output: expect.stringMatching(/^0\/1 \(\d+\/s\)\n1\/1 \(\d+\/s\)\nDone in \d+ ms\.\n$/),
  });

  const again = await db.open();
  const check = await new DataSource({ type: 'postgres', url: again.url, extra: { max: 1 } }).initialize();
  try {
    expect(await check.query(`SELECT lifetime_sales_value::text AS v FROM commerce.customer ORDER BY id`)).toEqual([{ v: '16.5000' }, { v: '0.0000' }, { v: '0.0000' }]);
    const [event] = await check.query(`SELECT payload FROM platform.outbox WHERE topic = 'commerce.customers.lifetime-values-changed'`);
    expect(event.payload).toEqual({
      organizationId,
      customerIds: customers.map((c) => c.id),
      amounts: ['16.5000', '0.0000', '0.0000'],
      paidOrderCounts: [2, 0, 0],
      baseCurrency: 'USD',
      versions: [expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)],
    });
    // A value gone wrong (a lost update, a hand edit): the reconciliation finds it, fixes it and says so.
    await check.query(`UPDATE commerce.customer SET lifetime_sales_value = 1 WHERE id = $1`, [paid.id]);
  } finally {
    await check.destroy();
    if (again.embedded) await again.close();
  }
  const reconciled = await cli({ ...db.env, MODULES: 'crm,commerce' }, 'lifetime:reconcile');
  expect(reconciled.code).toBe(0);
  expect(reconciled.output).toMatch(/^crm\.account-lifetime-values: .+\n(\d+\/\d+ \(\d+\/s\)\n)*crm\.account-lifetime-values: corrected 0 in \d+ ms\n/);
  expect(reconciled.output).toMatch(/commerce\.customer-lifetime-sales-values: corrected 1 in \d+ ms\nCorrected 1 lifetime value\(s\)\.\n$/);
  expect((await cli({ ...db.env, MODULES: 'crm,commerce' }, 'lifetime:reconcile')).output).toMatch(/\nCorrected 0 lifetime value\(s\)\.\n$/);
}

describe('cli', () => {
  it('migrates only the enabled modules, later the newly enabled ones, and recalculates lifetime values', async () => {
    const db = await cliDatabase();
    try {
      const migrate = await cli({ ...db.env, MODULES: 'crm' }, 'migrate');
      expect(migrate.code).toBe(0);
      const ran = expectedMigrations(['crm']);
      expect(migrate.output).toContain(`Ran ${ran.length} migration(s):\n${ran.map((name) => `  ${name}\n`).join('')}`);
      const recalculated = await cli({ ...db.env, MODULES: 'crm' }, 'crm:lifetime:recalculate');
      expect(recalculated).toEqual({ code: 0, output: expect.stringMatching(/^0\/2 \(\d+\/s\)\n(1\/2 \(\d+\/s\)\n)?2\/2 \(\d+\/s\)\nDone in \d+ ms\.\n$/) });
      expect((await cli({ ...db.env, MODULES: 'commerce' }, 'crm:lifetime:recalculate')).code).toBe(1);

      // Enabling Commerce later runs only its own migrations; its full recalculation then runs in the CLI process too.
      const withCommerce = await cli({ ...db.env, MODULES: 'crm,commerce' }, 'migrate');
      const added = expectedMigrations(['crm', 'commerce']).filter((name) => !ran.includes(name));
      expect(withCommerce.output).toContain(`Ran ${added.length} migration(s):\n${added.map((name) => `  ${name}\n`).join('')}`);
      await commerceLifetimeRecalculation(db);
    } finally {
      await db.dispose();
    }
  }, 360_000); // several CLI processes, each starting the application

  it('links the customers that existed before the integration, imports and exports CSV, and purges old operations and orphaned uploads', async () => {
    const db = await cliDatabase();
    // A data folder of its own on the real server too (uploads live there); the embedded database has one already.
    const env = { ...db.env, MODULES: 'crm,commerce,integration' };
    env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-cli-data-'));
    try {
      // Customers no account was made for (the job has not run yet: nothing runs it but this command here).
      expect((await cli(env, 'migrate')).code).toBe(0);
      const handle = await db.open();
      const ds = await new DataSource({ type: 'postgres', url: handle.url, extra: { max: 1 } }).initialize();
      await ds.query(
        `INSERT INTO commerce.customer (organization_id, name, path) SELECT o.id, 'Old ' || i, '{}' FROM generate_series(1, 3) i, (SELECT min(id) AS id FROM platform.organization) o`,
      );
      await ds.query(`UPDATE commerce.customer SET path = ARRAY[id]`);
      await ds.destroy();
      if (handle.embedded) await handle.close();

      const linked = await cli(env, 'integration:customers:link');
      expect(linked).toEqual({ code: 0, output: expect.stringMatching(/^3\/3 \(\d+\/s\)\nDone in \d+ ms\.\n$/) });

      const again = await db.open();
      const check = await new DataSource({ type: 'postgres', url: again.url, extra: { max: 1 } }).initialize();
      try {
        expect(await check.query(`SELECT count(*)::int AS links, count(DISTINCT account_id)::int AS accounts FROM integration.customer_account`)).toEqual([{ links: 3, accounts: 3 }]);
      } finally {
        await check.destroy();
        if (again.embedded) await again.close();
      }

      // CSV import and export (issue 13): the API's operation run in the CLI process, its summary and refused rows.
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-cli-csv-'));
      try {
        const file = path.join(folder, 'customers.csv');
        fs.writeFileSync(file, 'Name,Parent Name\nCli Child,Cli Root\nCli Root,\n=cmd|calc,\n');
        const checked = await cli(env, 'import', 'customers', file, '--validate-only');
        expect(checked.code).toBe(0);
        expect(checked.output).toMatch(/Validated \(nothing written\) customers: read 3, would add 2, would replace 0, errors 1 \(operation #\d+, success, \d+ ms\)\.\nError in row #3\. Name: The value starts like a spreadsheet formula/);
        const imported = await cli(env, 'import', 'customers', file);
        expect(imported.output).toMatch(/Imported customers: read 3, added 2, replaced 0, errors 1 \(operation #\d+, success, \d+ ms\)\./);
        const exported = await cli(env, 'export', 'customers', path.join(folder, 'out.csv'), '--filter', 'filter[name][starts_with]=Cli');
        expect(exported).toEqual({ code: 0, output: expect.stringContaining('Exported 2 customers to') });
        const lines = fs.readFileSync(path.join(folder, 'out.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
        expect(lines.map((line) => line.split(',')[1])).toEqual(['Name', 'Cli Root', 'Cli Child']);
        expect(lines[2].split(',')[2]).toBe(lines[1].split(',')[0]);
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }

      // The nightly purge, now: only the operations finished more than the given days ago go (the import and export
      // above finished just now), and an upload two days old that no operation references (its request died before
      // the operation was stored).
      const stray = path.join(env.DATA_DIR!, 'imports', 'stray.csv');
      fs.mkdirSync(path.dirname(stray), { recursive: true });
      fs.writeFileSync(stray, 'Name\nLost\n');
      fs.utimesSync(stray, new Date(Date.now() - 48 * 3600 * 1000), new Date(Date.now() - 48 * 3600 * 1000));
      const old = await db.open();
      const oldDs = await new DataSource({ type: 'postgres', url: old.url, extra: { max: 1 } }).initialize();
      await oldDs.query(
        `INSERT INTO platform.async_operation (organization_id, kind, api, entity_type, chunk_count, status, finished_at)
         SELECT min(id), 'batch', 'admin', 'accounts', 0, 'success', now() - make_interval(days => d) FROM platform.organization, unnest(ARRAY[40, 10]) d GROUP BY d`,
      );
      await oldDs.destroy();
      if (old.embedded) await old.close();
      expect(await cli(env, 'asyncoperations:purge')).toEqual({
        code: 0,
        output: 'Removed 1 asynchronous operation(s) finished more than 30 day(s) ago, 0 error(s), 0 file(s); 1 orphaned file(s) removed.\n',
      });
      expect(fs.existsSync(stray)).toBe(false);
      expect((await cli(env, 'asyncoperations:purge', '--days', '7')).output).toContain('Removed 1 asynchronous operation(s)');
      expect((await cli(env, 'asyncoperations:purge', '--days', 'x')).code).toBe(1);
    } finally {
      await db.dispose();
      fs.rmSync(env.DATA_DIR!, { recursive: true, force: true });
    }
  }, 240_000);

  // The commands' SQL is the same on both databases; this flow runs against the real server (the embedded database's
  // own part, opening a data folder from a CLI process, is covered above).
  (process.env.TEST_DATABASE_URL ? it : it.skip)('lists and retries dead letters', async () => {
    const db = await cliDatabase();
    try {
      expect((await cli({ ...db.env, MODULES: 'crm' }, 'migrate')).code).toBe(0);
      const handle = await db.open();
      const ds = await new DataSource({ type: 'postgres', url: handle.url, extra: { max: 1 } }).initialize();
      await new DeadLetterStore(ds).record(
        { queue: 'crm', name: 'crm.recalculate', key: 'crm.recalculate:42', data: { accountId: '42' }, attempt: 5, maxAttempts: 5 },
        new Error('boom'),
      );
      await ds.destroy();
      if (handle.embedded) await handle.close();

      const list = await cli({ ...db.env, MODULES: 'crm' }, 'deadletters:list');
      expect(list.code).toBe(0);
      expect(list.output).toMatch(/#1 {2}\S+ {2}crm\.recalculate {2}key=crm\.recalculate:42 {2}attempts=5\n {4}Error: boom/);
      const retry = await cli({ ...db.env, MODULES: 'crm' }, 'deadletters:retry', '1');
      expect(retry).toEqual({ code: 0, output: 'Dead letter #1 queued again.\n' });
      const again = await cli({ ...db.env, MODULES: 'crm' }, 'deadletters:retry', '1');
      expect(again).toEqual({ code: 1, output: 'No dead letter #1 waiting for a retry.\n' });
      expect((await cli({ ...db.env, MODULES: 'crm' }, 'deadletters:list')).output).toBe('No dead letters.\n');
    } finally {
      await db.dispose();
    }
  }, 180_000);

  it('refuses an unknown command with the usage text', async () => {
    const run = await cli({ MODULES: 'crm', DATABASE_URL: undefined }, 'frobnicate');
    expect(run.code).toBe(1);
    expect(run.output).toContain("Unknown command 'frobnicate'");
    expect(run.output).toContain('deadletters:retry <id>');
  });
});
