import pino from 'pino';
import { JOB_DRIVER, JobDriver, WorkerService, createHttpApp, createUser, loadConfig } from '../../libs/platform';
import { tokenFor } from './api-reads';
import { withLinkedDataset } from './linked-dataset';

interface Waiting {
  target: number;
  sentAt: number;
}

/**
 * S2: orders paid through the API at `rate` per second for `seconds`, each one's account commerce total polled (every
 * 20 ms) until it includes the payment; prints the freshness percentiles and the outbox/job backlog over the run. The
 * worker runs in the bench process (relay, consumers), with BullMQ on Redis when BENCH_REDIS_URL is set, else on
 * PostgreSQL (the embedded database has its own in-process driver).
 */
export async function benchFreshness({ scale, seconds, rate }: { scale: number; seconds: number; rate: number }): Promise<void> {
  await withLinkedDataset(scale, async ({ database, manifests, seed, organizationId }) => {
    await createUser(seed, { email: 'reader@example.com', password: 'bench password', organizationId, roleCodes: ['ADMINISTRATOR'] });
    const orders: Array<{ id: string; account: string; subtotal: string }> = await seed.query(
      `SELECT o.id::text AS id, l.account_id::text AS account, o.subtotal::text AS subtotal
       FROM commerce.order o JOIN integration.customer_account l ON l.customer_id = o.customer_id
       WHERE o.organization_id = $1 AND o.currency = 'USD' AND o.payment_status IS DISTINCT FROM 'full' AND o.internal_status <> 'cancelled'
       ORDER BY md5(o.id::text) LIMIT $2`,
      [organizationId, rate * seconds],
    );
    const [{ id: channel }] = await seed.query(`SELECT id::text FROM crm.channel WHERE organization_id = $1 AND channel_type = 'commerce'`, [organizationId]);
    const expected = new Map<string, number>(
      (await seed.query(`SELECT account_id::text AS account, amount::text AS amount FROM crm.account_lifetime_value WHERE channel_id = $1`, [channel])).map(
        (r: { account: string; amount: string }) => [r.account, Number(r.amount)],
      ),
    );

    const config = {
      ...loadConfig({
        MODULES: 'crm,commerce,integration',
        LOG_LEVEL: 'silent',
        DATABASE_URL: database.embedded ? undefined : database.url,
        REDIS_URL: process.env.BENCH_REDIS_URL,
        RUN_WORKER: 'true',
        RATE_LIMIT_MAX: '0', // one client sending at the target rate on purpose
      }),
      dbPoolSize: database.poolSize,
    };
    const app = await createHttpApp({ config, manifests, database }, pino({ level: 'silent' }));
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.getHttpServer().address() as { port: number }).port;
      await app.get(WorkerService).start();
      const headers = { authorization: `Bearer ${await tokenFor(port)}`, 'content-type': 'application/vnd.api+json', accept: 'application/vnd.api+json' };
      const driver = app.get<JobDriver>(JOB_DRIVER);
      const backlog = async () => {
        const [{ n }] = await seed.query(`SELECT count(*)::int AS n FROM platform.outbox WHERE dispatched_at IS NULL`);
        return `${n}/${await driver.pendingCount()}`;
      };

      const waiting = new Map<string, Waiting[]>();
      const latencies: number[] = [];
      let sent = 0;
      let failed = 0;
      const pay = async (order: { id: string; account: string; subtotal: string }) => {
        const response = await fetch(`http://127.0.0.1:${port}/admin/api/orders/${order.id}`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({ data: { type: 'orders', id: order.id, attributes: { paymentStatus: 'full' } } }),
        });
        await response.arrayBuffer();
        if (response.status !== 200) return void failed++;
        const target = (expected.get(order.account) ?? 0) + Number(order.subtotal);
        expected.set(order.account, target);
        waiting.set(order.account, [...(waiting.get(order.account) ?? []), { target, sentAt: Date.now() }]);
      };
      let polling = true;
      let deadline = Number.POSITIVE_INFINITY;
      const poll = (async () => {
        while (polling || waiting.size > 0) {
          const accounts = [...waiting.keys()];
          if (accounts.length > 0) {
            const rows = await seed.query(`SELECT account_id::text AS account, amount::text AS amount FROM crm.account_lifetime_value WHERE channel_id = $1 AND account_id = ANY($2::bigint[])`, [
              channel,
              accounts,
            ]);
            const now = Date.now();
            for (const row of rows as Array<{ account: string; amount: string }>) {
              const left = (waiting.get(row.account) ?? []).filter((w) => {
                if (Number(row.amount) + 1e-6 < w.target) return true;
                latencies.push(now - w.sentAt);
                return false;
              });
              if (left.length > 0) waiting.set(row.account, left);
              else waiting.delete(row.account);
            }
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (!polling && Date.now() > deadline) break;
        }
      })();

      const samples: string[] = [await backlog()];
      const started = Date.now();
      const inFlight = new Set<Promise<void>>();
      for (const [i, order] of orders.entries()) {
        const due = started + (i * 1000) / rate;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        const request = pay(order).finally(() => inFlight.delete(request));
        inFlight.add(request);
        sent++;
        if (i % rate === 0 && i > 0) samples.push(await backlog());
      }
      await Promise.all(inFlight);
      const sendSeconds = (Date.now() - started) / 1000;
      samples.push(await backlog());
      polling = false;
      deadline = Date.now() + 30_000;
      await poll;
      samples.push(await backlog());

      latencies.sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
      const unresolved = [...waiting.values()].reduce((n, w) => n + w.length, 0);
      console.log(`\nS2 freshness at scale=${scale}: ${sent} payments in ${sendSeconds.toFixed(1)} s (${(sent / sendSeconds).toFixed(0)}/s asked ${rate}/s), ${failed} refused`);
      console.log('\n| payment → account commerce total | p50 ms | p95 ms | p99 ms | max ms | never seen | target |');
      console.log('|---|---:|---:|---:|---:|---:|---|');
      console.log(`| ${config.queueDriver} queue | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} | ${latencies.at(-1) ?? NaN} | ${unresolved} | p99 ≤ 1000 ms |`);
      console.log(`\nbacklog (outbox rows / jobs pending), once per second of sending, then after the last payment and at the end: ${samples.join(' ')}`);
    } finally {
      await app.close();
    }
  });
}
