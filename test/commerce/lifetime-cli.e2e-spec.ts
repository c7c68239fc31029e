import { DataSource } from 'typeorm';
import { cliDatabase } from '../harness/cli-database';
import { spawnEntry } from '../harness/spawn-process';

async function cli(env: Record<string, string | undefined>, ...args: string[]) {
  const run = spawnEntry('apps/cli/main.ts', { LOG_LEVEL: 'silent', REDIS_URL: undefined, MODULES: 'commerce', ...env }, args);
  return { code: await run.exited, output: run.output() };
}

describe('commerce:lifetime:recalculate', () => {
  it('recomputes every customer from its orders in the CLI process', async () => {
    const db = await cliDatabase();
    try {
      expect((await cli(db.env, 'migrate')).code).toBe(0);
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

      const run = await cli(db.env, 'commerce:lifetime:recalculate');
      expect(run).toEqual({ code: 0, output: expect.stringMatching(/^Done in \d+ ms\.\n$/) });

      const again = await db.open();
      const check = await new DataSource({ type: 'postgres', url: again.url, extra: { max: 1 } }).initialize();
      try {
        expect(await check.query(`SELECT lifetime_sales_value::text AS v FROM commerce.customer ORDER BY id`)).toEqual([{ v: '16.5000' }, { v: '0.0000' }, { v: '0.0000' }]);
        const [event] = await check.query(`SELECT payload FROM platform.outbox WHERE topic = 'commerce.customers.lifetime-values-changed'`);
        expect(event.payload).toEqual({ organizationId, customerIds: customers.map((c) => c.id), amounts: ['16.5000', '0.0000', '0.0000'], baseCurrency: 'USD' });
      } finally {
        await check.destroy();
        if (again.embedded) await again.close();
      }
    } finally {
      await db.dispose();
    }
  }, 180_000);
});
