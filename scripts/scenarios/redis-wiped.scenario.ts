import { LIFETIME_CHECKS, checkAnsweredOrdersStored, compareWithFromScratch, linkedCustomers, waitUntilDrained, withDatabase } from './kit/database-checks';
import { OrderWriter } from './kit/order-writer';
import { Scale, Scenario, expectThat, sleep, waitFor } from './kit/scenario';

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

    // Wipe while Redis holds jobs whose effect has not committed: those are what it loses.
    const unconfirmed = await withDatabase(kit.databaseUrl, (db) =>
      waitFor(
        async () => (await db.query(`SELECT count(*)::int AS n FROM platform.delivery WHERE handed_at IS NOT NULL`)).rows[0].n as number,
        (n) => n > 0,
        30_000,
        'no job was ever handed to Redis and unconfirmed',
        10,
      ),
    );
    await kit.redis.restartEmpty();
    const wipedAt = Date.now();
    kit.step(`Redis restarted empty (${unconfirmed} handed jobs unconfirmed at that moment)`);
    await sleep(size.afterMs);
    const tally = await writer.stop();
    kit.step(`writes stopped: ${JSON.stringify(tally.byOutcome)}`);

    expectThat(kit.api.pid === apiPid && kit.api.alive && kit.worker.pid === workerPid && kit.worker.alive, `the API or the worker died\n${kit.logs()}`);
    const failed = writer.unexpected(['201']);
    expectThat(Object.keys(failed).length === 0, `writes failed: ${JSON.stringify(failed)} of ${tally.sent}`);

    await waitUntilDrained(kit.databaseUrl, kit.worker.port, 120_000);
    const exactAfterMs = Date.now() - wipedAt;
    kit.step('outbox, deliveries and queues drained');
    // Informational: a job key requested again after the wipe is handed afresh by the relay; the rest is the sweeper's.
    const sweptAgain = [...kit.worker.output().matchAll(/Handed (\d+) unconfirmed job/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    const stored = await checkAnsweredOrdersStored(kit.databaseUrl, tally.createdIds, writer.prefix);
    expectThat(stored === tally.created, `${stored} orders are stored but ${tally.created} were answered 201`);
    const linked = await linkedCustomers(kit.databaseUrl);
    expectThat(linked === customers.length, `${linked} of ${customers.length} customers are linked to an account`);
    await compareWithFromScratch(kit.databaseUrl, LIFETIME_CHECKS);

    console.log(
      `  writes: ${tally.sent} at ${size.perSecond}/s, all 201; ${unconfirmed} handed jobs unconfirmed when Redis was wiped; ` +
        `the sweeper handed ${sweptAgain} again; drained and exact ${exactAfterMs} ms after the wipe (writes went on for ${size.afterMs} ms of it; DELIVERY_TIMEOUT_MS ${DELIVERY_TIMEOUT_MS}); ` +
        `${customers.length} customers' and their accounts' lifetime values exact`,
    );
  },
};
