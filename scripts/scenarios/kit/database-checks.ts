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
 * Waits until nothing is left to do: no outbox row waiting for the relay, no job handed to the queue whose effect has
 * not committed (`platform.delivery`: what a wiped Redis lost is still there until the sweeper hands it again), and no
 * job waiting, delayed or running in the worker (its `jobs_pending` gauge), several readings in a row.
 */
export async function waitUntilDrained(databaseUrl: string, workerPort: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let last = '';
  while (quiet < 3) {
    if (Date.now() > deadline) throw new ScenarioFailure(`the outbox and queues did not drain in ${timeoutMs} ms (last: ${last})`);
    const [outbox, deliveries] = await withDatabase(databaseUrl, async (db) => {
      const { rows } = await db.query(
        `SELECT (SELECT count(*) FROM platform.outbox WHERE dispatched_at IS NULL)::int AS outbox, (SELECT count(*) FROM platform.delivery)::int AS deliveries`,
      );
      return [rows[0].outbox as number, rows[0].deliveries as number];
    }).catch(() => [-1, -1]);
    const jobs = await jobsPending(workerPort);
    last = `outbox ${outbox}, unconfirmed deliveries ${deliveries}, jobs ${jobs}`;
    quiet = outbox === 0 && deliveries === 0 && jobs === 0 ? quiet + 1 : 0;
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

/** Jobs handed to the queue whose effect has not committed yet (what a killed worker or a wiped Redis may lose). */
export const HANDED_UNCONFIRMED_SQL = `SELECT count(*)::int AS n FROM platform.delivery WHERE handed_at IS NOT NULL`;

/**
 * Waits (polling every few milliseconds) until a job handed to the queue is unconfirmed, so that a fault injected
 * right after hits a job in flight; how many are. 0 if none showed within `atMostMs`.
 */
export async function waitForHandedJob(databaseUrl: string, atMostMs: number): Promise<number> {
  return withDatabase(databaseUrl, async (db) => {
    const deadline = Date.now() + atMostMs;
    for (;;) {
      const n: number = (await db.query(HANDED_UNCONFIRMED_SQL)).rows[0].n;
      if (n > 0 || Date.now() > deadline) return n;
      await sleep(2);
    }
  });
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

/** Each customer's value from scratch (its orders paid in full and not cancelled, in base currency), as a CTE. */
const CUSTOMER_FROM_SCRATCH = `
  SELECT c.id AS customer_id, coalesce(sum(o.base_subtotal) FILTER (WHERE o.payment_status = 'full' AND o.internal_status <> 'cancelled'), 0) AS amount
  FROM commerce.customer c LEFT JOIN commerce.order o ON o.customer_id = c.id
  GROUP BY c.id`;

/**
 * Each account's total on its organization's commerce channel against Σ of the from-scratch values of the customers
 * linked to it (every account of an organization with a commerce channel: one left without customers must show 0).
 */
export const ACCOUNT_LIFETIME_CHECK: FromScratchCheck = {
  name: 'accounts’ commerce-channel lifetime values',
  mismatchesSql: `
    WITH scratch AS (${CUSTOMER_FROM_SCRATCH}),
    expected AS (SELECT l.account_id, sum(s.amount) AS amount FROM integration.customer_account l JOIN scratch s USING (customer_id) GROUP BY l.account_id)
    SELECT a.id::text AS id, coalesce(v.amount, 0)::text AS stored, coalesce(e.amount, 0)::text AS expected
    FROM crm.account a
    JOIN integration.commerce_channel ch ON ch.organization_id = a.organization_id
    LEFT JOIN crm.account_lifetime_value v ON v.account_id = a.id AND v.channel_id = ch.channel_id
    LEFT JOIN expected e ON e.account_id = a.id
    WHERE coalesce(v.amount, 0) <> coalesce(e.amount, 0)
    ORDER BY a.id`,
};

/** Every lifetime value the product keeps: customers' and their accounts'. */
export const LIFETIME_CHECKS = [CUSTOMER_LIFETIME_CHECK, ACCOUNT_LIFETIME_CHECK];

/** How many customers are linked to an account (the account check means nothing when none is). */
export async function linkedCustomers(databaseUrl: string): Promise<number> {
  return withDatabase(databaseUrl, async (db) => (await db.query(`SELECT count(*)::int AS n FROM integration.customer_account`)).rows[0].n);
}

/**
 * "0 lost": every order answered 201 is stored (once: identifiers are unique), and no stored order of this writer
 * lacks its identifier's request. A request whose answer was lost (the API killed after its commit) may be stored
 * without a 201; it counts as written, since the comparison is against what is stored. Returns how many are stored.
 */
export async function checkAnsweredOrdersStored(databaseUrl: string, createdIds: string[], prefix: string): Promise<number> {
  return withDatabase(databaseUrl, async (db) => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM unnest($1::bigint[]) a(id) WHERE NOT EXISTS (SELECT 1 FROM commerce.order o WHERE o.id = a.id))::int AS missing,
              (SELECT count(*) FROM (SELECT identifier FROM commerce.order WHERE identifier LIKE $2 GROUP BY identifier HAVING count(*) > 1) d)::int AS doubled,
              (SELECT count(*) FROM commerce.order WHERE identifier LIKE $2)::int AS stored`,
      [createdIds, `${prefix}-%`],
    );
    const { missing, doubled, stored } = rows[0];
    if (missing > 0) throw new ScenarioFailure(`${missing} orders answered 201 are not stored`);
    if (doubled > 0) throw new ScenarioFailure(`${doubled} order identifiers are stored more than once`);
    if (stored < createdIds.length) throw new ScenarioFailure(`${stored} orders are stored but ${createdIds.length} were answered 201`);
    return stored;
  });
}

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
