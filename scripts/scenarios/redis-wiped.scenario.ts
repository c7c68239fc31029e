import { HANDED_UNCONFIRMED_SQL, LIFETIME_CHECKS, checkAnsweredOrdersStored, compareWithFromScratch, linkedCustomers, waitForHandedJob, waitUntilDrained, withDatabase } from './kit/database-checks';
import { OrderWriter } from './kit/order-writer';
import { Scale, Scenario, expectThat, sleep } from './kit/scenario';
import type { ScenarioKit } from './kit/scenario-kit';

const SCALES: Record<Scale, { customers: number; perSecond: number; warmMs: number; afterMs: number }> = {
  ci: { customers: 20, perSecond: 15, warmMs: 4000, afterMs: 6000 },
  full: { customers: 200, perSecond: 100, warmMs: 15_000, afterMs: 30_000 },
};

/** Lower than the 30 s default: how long a job Redis lost may stay unconfirmed before the sweeper hands it again. */
const DELIVERY_TIMEOUT_MS = 5000;
/** Counted in Redis, but high enough never to refuse the scenario's own load: the point is that a dead Redis lets requests through. */
const RATE_LIMIT_MAX = 1_000_000;

/**
 * R2/R7: while orders are written through the API, Redis is restarted empty at a moment when jobs are handed to it
 * and not yet confirmed. Every write is answered 201 (the API writes the outbox in PostgreSQL; the rate limit, counted
 * in Redis, lets requests through while Redis does not answer); the API and the worker keep running; with no manual
 * step, the workers' sweeper hands again what Redis lost, and every customer's and account's value is exact.
 */
export const redisWiped: Scenario = {
  name: 'redis-wiped',
  description: 'R2/R7: Redis restarted empty with jobs queued under writes; no failed write, values exact via the sweeper',
  async run(kit, scale) {
    const size = SCALES[scale];
    await kit.startStack({ env: { DELIVERY_TIMEOUT_MS: String(DELIVERY_TIMEOUT_MS), RATE_LIMIT_MAX: String(RATE_LIMIT_MAX) } });
    const apiPid = kit.api.pid;
    const workerPid = kit.worker.pid;
    const customers = await kit.createCustomers(size.customers);
    const writer = new OrderWriter(kit.newClient(), customers, size.perSecond);
    writer.start();
    kit.step(`writing orders at ${size.perSecond}/s`);
    await sleep(size.warmMs);

    const unconfirmed = await wipeWhileHanded(kit);
    const wipedAt = Date.now();
    kit.step(`Redis restarted empty (${unconfirmed} handed jobs unconfirmed at that moment)`);
    await sleep(size.afterMs);
    const tally = await writer.stop();
    kit.step(`writes stopped: ${JSON.stringify(tally.byOutcome)}`);
    expectThat(kit.api.pid === apiPid && kit.api.alive && kit.worker.pid === workerPid && kit.worker.alive, `the API or the worker died\n${kit.logs()}`);
    const failed = writer.unexpected(['201']);
    expectThat(Object.keys(failed).length === 0, `writes failed: ${JSON.stringify(failed)} of ${tally.sent}`);
    const lost = await loseAJob(kit, customers[0]);
    const lastWipeAt = Date.now();
    kit.step(`one more order; its job handed, the worker killed, Redis wiped, the worker started: ${lost} job(s) lost that nobody requests again`);


    // Within the sweeper's timeout (plus a sweep interval and the work itself), with no manual step.
    await waitUntilDrained(kit.databaseUrl, kit.worker.port, 4 * DELIVERY_TIMEOUT_MS);
    const exactAfterMs = Date.now() - wipedAt;
    const exactAfterLastMs = Date.now() - lastWipeAt;
    kit.step('outbox, deliveries and queues drained');
    // Informational: a job key requested again after the wipe is handed afresh by the relay; the rest is the sweeper's.
    const sweptAgain = [...kit.worker.output().matchAll(/Handed (\d+) unconfirmed job/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    const stored = await checkAnsweredOrdersStored(kit.databaseUrl, tally.createdIds, writer.prefix);
    expectThat(lost === 0 || sweptAgain >= lost, `${lost} lost job(s) but the sweeper handed ${sweptAgain} again`);
    expectThat(stored === tally.created, `${stored} orders are stored but ${tally.created} were answered 201`);
    const linked = await linkedCustomers(kit.databaseUrl);
    expectThat(linked === customers.length, `${linked} of ${customers.length} customers are linked to an account`);
    await compareWithFromScratch(kit.databaseUrl, LIFETIME_CHECKS);

    console.log(
      `  writes: ${tally.sent} at ${size.perSecond}/s, all 201; handed jobs unconfirmed at the wipe: ${unconfirmed} (writes went on for ${size.afterMs} ms); ` +
        `lost at the last wipe (no write after it): ${lost}; the sweeper handed ${sweptAgain} again (DELIVERY_TIMEOUT_MS ${DELIVERY_TIMEOUT_MS}); ` +
        `drained and exact ${exactAfterMs} ms after the first wipe, ${exactAfterLastMs} ms after the last; ` +
        `${customers.length} customers' and their accounts' lifetime values exact`,
    );
  },
};

/** Restarts Redis empty as soon as a job handed to it is unconfirmed (its effect not committed); how many were. */
async function wipeWhileHanded(kit: ScenarioKit): Promise<number> {
  const unconfirmed = await waitForHandedJob(kit.databaseUrl, 30_000);
  expectThat(unconfirmed > 0, 'no job handed to Redis was ever seen unconfirmed');
  await kit.redis.restartEmpty();
  return unconfirmed;
}

/**
 * With nothing else going on, writes one paid order, kills the worker (kill -9) as soon as the order's job is handed
 * to Redis, wipes Redis and starts the worker again: unless the job's effect committed before the kill, it is gone
 * from Redis and from the dead worker, and no later write requests its key again, so only the sweeper can hand it.
 * Tries a few times; returns how many handed jobs were unconfirmed once the worker was dead (0: none lost).
 */
async function loseAJob(kit: ScenarioKit, customerId: string): Promise<number> {
  await waitUntilDrained(kit.databaseUrl, kit.worker.port, 60_000);
  let lost = 0;
  for (let attempt = 0; attempt < 5 && lost === 0; attempt++) {
    await kit.client.expect(201, 'POST', '/admin/api/orders', {
      data: {
        type: 'orders',
        attributes: { identifier: `LOSE-${attempt}`, currency: 'USD', subtotal: '7.25', total: '7.25', paymentStatus: 'full' },
        relationships: { customer: { data: { type: 'customers', id: customerId } } },
      },
    });
    if ((await waitForHandedJob(kit.databaseUrl, 2000)) === 0) continue;
    await kit.worker.kill();
    lost = await withDatabase(kit.databaseUrl, async (db) => (await db.query(HANDED_UNCONFIRMED_SQL)).rows[0].n as number);
    await kit.redis.restartEmpty();
    await kit.worker.start();
  }
  return lost;
}
