import { ApiOutcome, isRetryLater } from './kit/api-client';
import { CUSTOMER_LIFETIME_CHECK, checkAnsweredOrdersStored, compareWithFromScratch, waitUntilDrained, withDatabase } from './kit/database-checks';
import { OrderWriter, outcomeKind } from './kit/order-writer';
import { Scale, Scenario, expectThat, sleep, waitFor } from './kit/scenario';

const SCALES: Record<Scale, { customers: number; perSecond: number; warmMs: number; downMs: number; afterMs: number }> = {
  ci: { customers: 20, perSecond: 15, warmMs: 3000, downMs: 3000, afterMs: 3000 },
  full: { customers: 200, perSecond: 100, warmMs: 15_000, downMs: 15_000, afterMs: 15_000 },
};

/** Long, so that a prompt relay after the restart can only come from LISTEN/NOTIFY. */
const RELAY_POLL_MS = 5000;

/**
 * R3: the private PostgreSQL is stopped and started again while orders are written through the API. While it is
 * down every request that needs it is a JSON:API 503 with Retry-After (never a 500 or a hang); afterwards the API
 * answers again without a restart, the worker re-opens its LISTEN connection (a committed change is relayed well
 * within the poll interval), and every customer's lifetime value matches a from-scratch computation.
 */
export const databaseRestart: Scenario = {
  name: 'database-restart',
  description: 'R3: PostgreSQL restarted under load; 503 + Retry-After while down, recovery, LISTEN back, exact values',
  async run(kit, scale) {
    const size = SCALES[scale];
    await kit.startStack({ workerEnv: { RELAY_POLL_MS: String(RELAY_POLL_MS) } });
    const apiPid = kit.api.pid;
    const workerPid = kit.worker.pid;
    const customers = await kit.createCustomers(size.customers);
    const writer = new OrderWriter(kit.newClient(), customers, size.perSecond);
    writer.start();
    kit.step(`writing orders at ${size.perSecond}/s`);
    await sleep(size.warmMs);

    await kit.postgres.stop();
    kit.step('PostgreSQL stopped');
    const stoppedAt = Date.now();
    const probe = kit.newClient(2);
    const whileDown: ApiOutcome[] = [];
    while (Date.now() - stoppedAt < size.downMs) {
      whileDown.push(await probe.request('GET', '/admin/api/customers?page[size]=1'));
      await sleep(200);
    }
    const readiness = await fetch(`http://127.0.0.1:${kit.api.port}/health/ready`);
    await kit.postgres.start();
    const startedAt = Date.now();
    kit.step('PostgreSQL started again');

    const odd = whileDown.filter((o) => !isRetryLater(o)).map(outcomeKind);
    expectThat(odd.length === 0, `while the database was down, ${odd.length} of ${whileDown.length} reads were not a JSON:API 503 with Retry-After: ${odd.slice(0, 5)}`);
    expectThat(readiness.status === 503 && readiness.headers.get('retry-after'), `readiness answered ${readiness.status} while the database was down`);

    await waitFor(() => probe.request('GET', '/admin/api/customers?page[size]=1'), (o) => !('error' in o) && o.status === 200, 60_000, 'the API did not answer again after the database came back');
    const recoveredMs = Date.now() - startedAt;
    await waitFor(async () => kit.worker.output(), (out) => out.includes('LISTEN connection re-opened'), 60_000, 'the worker did not log that its LISTEN connection was re-opened');
    kit.step('API answering, worker listening again');
    await sleep(size.afterMs);
    const tally = await writer.stop();

    expectThat(kit.api.pid === apiPid && kit.api.alive && kit.worker.pid === workerPid && kit.worker.alive, 'the API or the worker had to be restarted');
    const unexpected = writer.unexpected(['201', '503']);
    expectThat(Object.keys(unexpected).length === 0, `writes got other answers than 201 or 503: ${JSON.stringify(unexpected)}`);
    expectThat((tally.byOutcome['503'] ?? 0) > 0, 'no write met the outage (the load did not overlap it)');

    // Relayed promptly: the wake-up comes from NOTIFY on the re-opened connection, not from the 5 s poll.
    const relayMs: number[] = [];
    for (let i = 0; i < 3; i++) relayMs.push(await timeToRelay(kit.databaseUrl, () => kit.client.expect(201, 'POST', '/admin/api/orders', order(customers[i], `R-${i}`))));
    expectThat(Math.max(...relayMs) < RELAY_POLL_MS / 2, `a change committed after the restart waited ${Math.max(...relayMs)} ms for the relay (poll interval ${RELAY_POLL_MS} ms)`);

    await waitUntilDrained(kit.databaseUrl, kit.worker.port, 120_000);
    kit.step('outbox and queues drained');
    await checkAnsweredOrdersStored(kit.databaseUrl, tally.createdIds, writer.prefix);
    await compareWithFromScratch(kit.databaseUrl, [CUSTOMER_LIFETIME_CHECK]);

    console.log(
      `  writes: ${tally.sent} sent at ${size.perSecond}/s: ${JSON.stringify(tally.byOutcome)}; database down ${size.downMs} ms: ` +
        `${whileDown.length} reads, all 503 + Retry-After; API answering again ${recoveredMs} ms after the start; ` +
        `relay after the restart ${relayMs.join('/')} ms (poll ${RELAY_POLL_MS} ms); lifetime values exact`,
    );
  },
};

function order(customerId: string, identifier: string) {
  return {
    data: {
      type: 'orders',
      attributes: { identifier, currency: 'USD', subtotal: '12.50', total: '12.50', paymentStatus: 'full' },
      relationships: { customer: { data: { type: 'customers', id: customerId } } },
    },
  };
}

/** Milliseconds from the write's answer until every outbox row it added has been relayed. */
async function timeToRelay(databaseUrl: string, write: () => Promise<unknown>): Promise<number> {
  return withDatabase(databaseUrl, async (db) => {
    const [{ seq }] = (await db.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM platform.outbox`)).rows;
    await write();
    const written = Date.now();
    for (;;) {
      const [{ added, waiting }] = (
        await db.query(`SELECT count(*)::int AS added, count(*) FILTER (WHERE dispatched_at IS NULL)::int AS waiting FROM platform.outbox WHERE seq > $1`, [seq])
      ).rows;
      if (added > 0 && waiting === 0) return Date.now() - written;
      if (Date.now() - written > 30_000) return Date.now() - written;
      await sleep(10);
    }
  });
}
