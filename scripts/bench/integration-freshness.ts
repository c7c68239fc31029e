import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { AppModule, Reconciliation, createUser, loadConfig } from '../../libs/platform/runtime';
import { tokenFor } from './api-reads';
import { FreshnessResult, Payment, measureFreshness, paymentCapacity } from './freshness-run';
import { startProduct } from './freshness-processes';
import { withLinkedDataset } from './linked-dataset';

const FIRST_SEARCH_RATE = 50;
const SEARCH_SECONDS = 10;
const TARGET_P99_MS = 1000;

export interface FreshnessOptions {
  scale: number;
  seconds: number;
  rate: number;
  /** Worker process counts to measure with, in turn (e.g. [1, 2]). */
  workers: number[];
  /** Also search the highest rate that meets the target (S10). */
  search: boolean;
}

/**
 * S2 and S10 with the API and the workers in their own processes (as production runs them), BullMQ on Redis
 * (BENCH_REDIS_URL; BullMQ's PostgreSQL backend without it) under a queue prefix of its own. Orders are paid through
 * the API at a rate; the time until each payment shows in its account's commerce total, and the backlog (outbox rows
 * not relayed / jobs handed to the queue and not done) once a second. Between runs, the paid orders are set back
 * to unpaid by hand and the product's reconciliation puts every value back (its time and count are printed too).
 */
export async function benchFreshness(options: FreshnessOptions): Promise<void> {
  await withLinkedDataset(options.scale, async ({ database, manifests, seed, organizationId }) => {
    if (database.embedded) {
      console.log('S2/S10 need a PostgreSQL server (BENCH_DATABASE_URL or TEST_DATABASE_URL): the API and the workers run as separate processes.');
      return;
    }
    await createUser(seed, { email: 'reader@example.com', password: 'bench password', organizationId, roleCodes: ['ADMINISTRATOR'] });
    // Unpaid orders count for nothing: in the base currency, any of them can be paid without an exchange rate.
    await seed.query(`UPDATE commerce.order SET currency = 'USD' WHERE organization_id = $1 AND payment_status IS DISTINCT FROM 'full'`, [organizationId]);
    const redisUrl = process.env.BENCH_REDIS_URL;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_DRIVER: redisUrl ? 'redis' : 'postgres',
      QUEUE_PREFIX: `bench${randomBytes(4).toString('hex')}`,
      RATE_LIMIT_MAX: '0', // one client sending at the target rate on purpose
    };
    const product = await startProduct(env);
    const config = { ...loadConfig({ ...env, MODULES: 'crm,commerce,integration', LOG_LEVEL: 'silent' }), dbPoolSize: database.poolSize };
    const context = await NestFactory.createApplicationContext(AppModule.forRoot({ config, manifests, database }), { logger: false });
    try {
      const port = product.apiPort;
      const token = await tokenFor(port);
      const [{ id: channel }] = await seed.query(`SELECT id::text FROM crm.channel WHERE organization_id = $1 AND channel_type = 'commerce'`, [organizationId]);
      const pool: Payment[] = await seed.query(
        `SELECT o.id::text AS id, l.account_id::text AS account, o.subtotal::text AS subtotal
         FROM commerce.order o JOIN integration.customer_account l ON l.customer_id = o.customer_id
         WHERE o.organization_id = $1 AND o.payment_status IS DISTINCT FROM 'full' AND o.internal_status <> 'cancelled'
         ORDER BY md5(o.id::text)`,
        [organizationId],
      );
      const restore = async (used: Payment[], workersRunning = true) => {
        await seed.query(`UPDATE commerce.order SET payment_status = NULL, base_subtotal = NULL WHERE id = ANY($1::bigint[])`, [used.map((p) => p.id)]);
        const started = Date.now();
        const results = await context.get(Reconciliation).run('lifetime');
        const corrected = results.reduce((n, r) => n + r.corrected, 0);
        const ms = Date.now() - started;
        if (workersRunning) await quiet(seed);
        return `reset by the reconciliation: ${corrected} values corrected in ${ms} ms`;
      };
      const take = (rate: number, seconds: number) => {
        const wanted = Math.round(rate * seconds);
        if (wanted > pool.length) console.log(`(only ${pool.length} unpaid orders: ${wanted} payments asked)`);
        return pool.slice(0, wanted);
      };
      console.log(`\nS2/S10 freshness at scale=${options.scale}: API and workers in their own processes, ${config.queueDriver} queue, ${pool.length} unpaid orders to pay`);

      const alone = await paymentCapacity(port, token, pool, SEARCH_SECONDS);
      // (Its requests for recomputation wait for the first worker, and find nothing to change.)
      console.log(`API alone (no worker), 16 clients back to back: accepts ${alone.rate.toFixed(0)} payments/s; ${await restore(pool.slice(0, alone.used), false)}`);

      let running = 0;
      for (const count of options.workers) {
        await product.startWorkers(count - running);
        running = count;
        await quiet(seed);
        // S10's baseline: what the API accepts as the product runs, its workers beside it on the same machine.
        const capacity = await paymentCapacity(port, token, pool, SEARCH_SECONDS);
        console.log(`
API with ${count} worker(s) running, 16 clients back to back: accepts ${capacity.rate.toFixed(0)} payments/s (S10 baseline); ${await restore(pool.slice(0, capacity.used))}`);
        const main = await measureFreshness(seed, port, token, channel, take(options.rate, options.seconds), options.rate);
        console.log(`\n${count} worker(s), ${options.rate} payments/s for ${options.seconds} s:`);
        printRun(main);
        console.log(await restore(pool.slice(0, main.sent)));
        if (!options.search) continue;
        const rows: string[] = [];
        const best = await highestPassingRate(capacity.rate, async (rate) => {
          const run = await measureFreshness(seed, port, token, channel, take(rate, SEARCH_SECONDS), rate);
          rows.push(`| ${rate} | ${(run.sent / run.sendSeconds).toFixed(0)} | ${run.at(0.5)} | ${run.at(0.99)} | ${run.unresolved} | ${trend(run)} |`);
          await restore(pool.slice(0, run.sent));
          return run.at(0.99) <= TARGET_P99_MS && run.unresolved === 0 && run.refused === 0 && run.sent / run.sendSeconds >= rate * 0.95;
        });
        console.log(`\nrate search, ${count} worker(s), ${SEARCH_SECONDS} s per rate:\n\n| asked/s | sent/s | p50 ms | p99 ms | never seen | backlog (outbox/unconfirmed), first → last |\n|---:|---:|---:|---:|---:|---|`);
        for (const row of rows) console.log(row);
        console.log(
          `\nS10 with ${count} worker(s): highest rate with p99 ≤ ${TARGET_P99_MS} ms = ${best}/s = ${((100 * best) / capacity.rate).toFixed(0)} % of the ${capacity.rate.toFixed(0)}/s the API accepts with them running (${((100 * best) / alone.rate).toFixed(0)} % of the API alone; target ≥ 90 %)`,
        );
      }
    } finally {
      await context.close();
      await product.stop();
    }
  });
}

/**
 * The highest rate `passes` accepts: doubles from 50/s until a rate fails (or passes the baseline), then bisects between
 * the last pass and the first failure down to steps of 2.5 % of the baseline.
 */
export async function highestPassingRate(baseline: number, passes: (rate: number) => Promise<boolean>): Promise<number> {
  const step = Math.max(1, Math.round(baseline * 0.025));
  let best = 0;
  let failed = Number.POSITIVE_INFINITY;
  for (let rate = FIRST_SEARCH_RATE; ; rate *= 2) {
    if (!(await passes(rate))) {
      failed = rate;
      break;
    }
    best = rate;
    if (rate >= baseline) return best;
  }
  while (failed - best > step) {
    const rate = Math.round((best + failed) / 2);
    if (await passes(rate)) best = rate;
    else failed = rate;
  }
  return best;
}

function printRun(run: FreshnessResult): void {
  const why = [...run.refusals].map(([answer, n]) => `${answer} ×${n}`).join(', ');
  console.log(`${run.sent} payments in ${run.sendSeconds.toFixed(1)} s (${(run.sent / run.sendSeconds).toFixed(0)}/s), ${run.refused} refused${why ? ` (${why})` : ''}\n`);
  console.log('| payment → account commerce total | p50 ms | p95 ms | p99 ms | max ms | never seen | target |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  console.log(`| S2 | ${run.at(0.5)} | ${run.at(0.95)} | ${run.at(0.99)} | ${run.latencies.at(-1) ?? Number.NaN} | ${run.unresolved} | p99 ≤ ${TARGET_P99_MS} ms, no growth |`);
  console.log(`\nbacklog (outbox rows not relayed / jobs handed and not done), once a second: ${run.backlog.map(([o, d]) => `${o}/${d}`).join(' ')}`);
}

function trend(run: FreshnessResult): string {
  const [first, last] = [run.backlog[0], run.backlog.at(-1)];
  return first && last ? `${first[0]}/${first[1]} → ${last[0]}/${last[1]}` : '';
}

/** Waits until nothing is left to relay and every handed job is done. */
async function quiet(seed: DataSource, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const [{ n }] = await seed.query(
      `SELECT (SELECT count(*) FROM platform.outbox WHERE dispatched_at IS NULL) + (SELECT count(*) FROM platform.delivery) AS n`,
    );
    if (Number(n) === 0 || Date.now() - started > timeoutMs) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
