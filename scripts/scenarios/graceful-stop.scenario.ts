import { ApiClient, CONNECTION_CLOSED, isRetryLater } from './kit/api-client';
import { CUSTOMER_LIFETIME_CHECK, compareWithFromScratch, waitUntilDrained, withDatabase } from './kit/database-checks';
import { OrderWriter } from './kit/order-writer';
import { ReadLoop } from './kit/read-loop';
import { Scale, Scenario, expectThat, sleep } from './kit/scenario';

const SCALES: Record<Scale, { customers: number; perSecond: number; readers: number; phaseMs: number }> = {
  ci: { customers: 10, perSecond: 10, readers: 4, phaseMs: 3000 },
  full: { customers: 200, perSecond: 150, readers: 16, phaseMs: 15_000 },
};

const SHUTDOWN_TIMEOUT_MS = 10_000;
/** What "well within the shutdown timeout" means here. */
const STOP_BUDGET_MS = SHUTDOWN_TIMEOUT_MS / 2;

/**
 * R6: SIGTERM to the API, then to the worker, while orders are written and read on keep-alive connections. Each
 * exits 0 well within SHUTDOWN_TIMEOUT_MS; every request answered 201 is stored and every stored order was answered
 * (requests in flight finished); late requests get a JSON:API 503 or a closed connection, never a hang or a 500;
 * after both are started again every lifetime value matches a from-scratch computation.
 */
export const gracefulStop: Scenario = {
  name: 'graceful-stop',
  description: 'R6: SIGTERM to the API and the worker under keep-alive load; in-flight finish, exit 0 quickly, no hangs',
  async run(kit, scale) {
    const size = SCALES[scale];
    await kit.startStack({ env: { SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) } });
    const customers = await kit.createCustomers(size.customers);
    const writerClient = kit.newClient(8);
    const writer = new OrderWriter(writerClient, customers, size.perSecond);
    const readerClient = kit.newClient(size.readers);
    const readers = new ReadLoop(readerClient, '/admin/api/customers?page[size]=5', size.readers);
    const late: ReturnType<ApiClient['request']>[] = [];
    writer.start();
    kit.step(`writing orders at ${size.perSecond}/s, reading on ${size.readers} keep-alive connections`);
    await sleep(size.phaseMs);

    const api = await kit.api.terminate();
    kit.step(`API stopped (exit ${api.code}, ${api.ms} ms)`);
    expectThat(api.code === 0, `the API exited with ${api.code} after SIGTERM\n${kit.api.tail()}`);
    expectThat(api.ms < STOP_BUDGET_MS, `the API took ${api.ms} ms to stop (budget ${STOP_BUDGET_MS} ms of SHUTDOWN_TIMEOUT_MS ${SHUTDOWN_TIMEOUT_MS})`);
    // A request on a connection that was open before the stop: answered 503 or closed, never left hanging.
    late.push(writerClient.request('GET', '/admin/api/customers'));
    await kit.api.start();
    kit.step('API started again');
    await sleep(size.phaseMs);

    const worker = await kit.worker.terminate();
    kit.step(`worker stopped (exit ${worker.code}, ${worker.ms} ms)`);
    expectThat(worker.code === 0, `the worker exited with ${worker.code} after SIGTERM\n${kit.worker.tail()}`);
    expectThat(worker.ms < STOP_BUDGET_MS, `the worker took ${worker.ms} ms to stop (budget ${STOP_BUDGET_MS} ms)`);
    await sleep(size.phaseMs / 2);
    await kit.worker.start();
    kit.step('worker started again');
    await sleep(size.phaseMs / 2);

    const tally = await writer.stop();
    const reads = await readers.stop();
    for (const outcome of await Promise.all(late)) {
      expectThat('error' in outcome ? CONNECTION_CLOSED.includes(outcome.error) : outcome.status === 200 || isRetryLater(outcome), `a late request got ${JSON.stringify(outcome).slice(0, 200)}`);
    }
    for (const [what, outcomes, ok] of [
      ['writes', tally.byOutcome, '201'],
      ['reads', reads, '200'],
    ] as const) {
      const odd = Object.keys(outcomes).filter((kind) => kind !== ok && kind !== '503' && !CONNECTION_CLOSED.includes(kind));
      expectThat(odd.length === 0, `${what} got ${JSON.stringify(outcomes)}: ${odd.join(', ')} should never happen`);
    }

    // In-flight requests finished: what was answered 201 is stored, and nothing was stored without its answer.
    const stored = await withDatabase(kit.databaseUrl, async (db) => (await db.query(`SELECT count(*)::int AS n FROM commerce.order`)).rows[0].n as number);
    expectThat(stored === tally.created, `${stored} orders are stored but ${tally.created} were answered 201`);

    await waitUntilDrained(kit.databaseUrl, kit.worker.port, 120_000);
    kit.step('outbox and queues drained');
    await compareWithFromScratch(kit.databaseUrl, [CUSTOMER_LIFETIME_CHECK]);
    console.log(
      `  API stopped in ${api.ms} ms, worker in ${worker.ms} ms (exit 0, SHUTDOWN_TIMEOUT_MS ${SHUTDOWN_TIMEOUT_MS}); ` +
        `writes at ${size.perSecond}/s: ${JSON.stringify(tally.byOutcome)}; reads on ${size.readers} keep-alive connections: ${JSON.stringify(reads)}; lifetime values exact`,
    );
  },
};
