import { Client } from 'pg';
import { ScenarioFailure, sleep } from './scenario';

/** Direct SQL on the scenario's database (never through the product), for checks. */
export async function withDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Waits until nothing is left to do: no outbox row waiting for the relay and no job waiting, delayed or running in
 * the worker (its `jobs_pending` gauge), several readings in a row.
 */
export async function waitUntilDrained(databaseUrl: string, workerPort: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let last = '';
  while (quiet < 3) {
    if (Date.now() > deadline) throw new ScenarioFailure(`the outbox and queues did not drain in ${timeoutMs} ms (last: ${last})`);
    const outbox = await withDatabase(databaseUrl, async (db) => (await db.query(`SELECT count(*)::int AS n FROM platform.outbox WHERE dispatched_at IS NULL`)).rows[0].n as number).catch(() => -1);
    const jobs = await jobsPending(workerPort);
    last = `outbox ${outbox}, jobs ${jobs}`;
    quiet = outbox === 0 && jobs === 0 ? quiet + 1 : 0;
    await sleep(300);
  }
}

async function jobsPending(workerPort: number): Promise<number> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
    const lines = text.split('\n').filter((line) => line.startsWith('jobs_pending'));
    return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  } catch {
    return -1;
  }
}

/** A value the product keeps, recomputed from scratch: the SQL returns the rows where stored and computed differ. */
export interface FromScratchCheck {
  name: string;
  /** Rows `{ id, stored, expected }` that differ; none when the product is right. */
  mismatchesSql: string;
}

/** Each customer's lifetime sales value against Σ base subtotal of its orders paid in full and not cancelled. */
export const CUSTOMER_LIFETIME_CHECK: FromScratchCheck = {
  name: 'customers’ lifetime sales values',
  mismatchesSql: `
    SELECT c.id::text AS id, c.lifetime_sales_value::text AS stored, coalesce(s.amount, 0)::text AS expected
    FROM commerce.customer c
    LEFT JOIN (SELECT customer_id, sum(base_subtotal) AS amount FROM commerce.order
               WHERE payment_status = 'full' AND internal_status <> 'cancelled' GROUP BY customer_id) s ON s.customer_id = c.id
    WHERE c.lifetime_sales_value <> coalesce(s.amount, 0)
    ORDER BY c.id`,
};

/** Runs the checks; fails naming the first rows that differ. */
export async function compareWithFromScratch(databaseUrl: string, checks: FromScratchCheck[]): Promise<void> {
  await withDatabase(databaseUrl, async (db) => {
    for (const check of checks) {
      const { rows } = await db.query(check.mismatchesSql);
      if (rows.length > 0) {
        throw new ScenarioFailure(`${rows.length} ${check.name} differ from a from-scratch computation, e.g. ${JSON.stringify(rows.slice(0, 3))}`);
      }
    }
  });
}
