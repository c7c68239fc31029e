import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessagingRegistry } from '../../libs/platform/runtime';

const JOB = 'commerce.recompute-lifetime-sales-value';
const ROUNDS = 5;

/**
 * The hand-written baseline: the same sums written in one statement — each customer's value and paid-order count, the
 * two aggregates of the same `GROUP BY` (the count costs it next to nothing) — and nothing else: no zeroes, no
 * versions, no subtree values (a second grouping, over the hierarchy, that is ours to pay for), no events.
 */
const BASELINE_SQL = `
  UPDATE commerce.customer c SET lifetime_sales_value = s.amount, lifetime_paid_order_count = s.orders, updated_at = now()
  FROM (SELECT customer_id, sum(base_subtotal) AS amount, count(*)::int AS orders FROM commerce.order
        WHERE payment_status = 'full' AND internal_status <> 'cancelled' GROUP BY customer_id) s
  WHERE c.id = s.customer_id`;

/**
 * S1 (commerce part): the full recalculation the CLI runs (`commerce:lifetime:recalculate`, the registered job with
 * customerId "*": values, change detection and CustomerLifetimeValuesChanged events) against the hand-written baseline,
 * each from the same starting point (every value 0), best and median of a few rounds. Returns markdown table lines.
 */
export async function benchCommerceLifetime(app: INestApplicationContext): Promise<string[]> {
  const db = app.get(DataSource);
  const job = app.get(MessagingRegistry).job(JOB);
  if (!job) throw new Error(`The ${JOB} job is not loaded`);
  const reset = async () => {
    await db.query(`UPDATE commerce.customer SET lifetime_sales_value = 0`);
    await db.query(`DELETE FROM platform.outbox`);
    await db.query(`VACUUM ANALYZE commerce.customer`);
  };
  const timed = async (work: () => Promise<unknown>) => {
    await reset();
    const started = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so that caches favour neither.
    const runOurs = () => timed(() => job.processor.run({ customerId: '*' }, { attempt: 1, key: `${JOB}:bench` }));
    const runBaseline = () => timed(() => db.query(BASELINE_SQL));
    if (round % 2 === 0) {
      ours.push(await runOurs());
      baseline.push(await runBaseline());
    } else {
      baseline.push(await runBaseline());
      ours.push(await runOurs());
    }
  }
  // The job's result, checked against the baseline's: both must leave the same values.
  await timed(() => job.processor.run({ customerId: '*' }, { attempt: 1, key: `${JOB}:bench` }));
  const [{ events, announced }] = await db.query(
    `SELECT count(*)::int AS events, coalesce(sum(jsonb_array_length(payload->'customerIds')), 0)::int AS announced
     FROM platform.outbox WHERE topic = 'commerce.customers.lifetime-values-changed'`,
  );
  const [{ wrong }] = await db.query(
    `SELECT count(*)::int AS wrong FROM commerce.customer c
     LEFT JOIN (SELECT customer_id, sum(base_subtotal) AS amount FROM commerce.order
                WHERE payment_status = 'full' AND internal_status <> 'cancelled' GROUP BY customer_id) s ON s.customer_id = c.id
     WHERE c.lifetime_sales_value <> coalesce(s.amount, 0)`,
  );
  if (wrong !== 0) throw new Error(`The full recalculation left ${wrong} customers with a wrong lifetime sales value`);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const best = (values: number[]) => Math.min(...values);
  const ms = (values: number[]) => `${median(values).toFixed(0)} (best ${best(values).toFixed(0)})`;
  return [
    `| S1 commerce: full LSV recalculation (commerce:lifetime:recalculate; ${announced} changed customers in ${events} events) | ${ms(ours)} | ${ms(baseline)} | ${(median(ours) / median(baseline)).toFixed(2)}× | ≤ 1.5× |`,
  ];
}
