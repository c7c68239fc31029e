import { CONNECTION_CLOSED } from './kit/api-client';
import { HANDED_UNCONFIRMED_SQL, LIFETIME_CHECKS, checkAnsweredOrdersStored, compareWithFromScratch, linkedCustomers, waitForHandedJob, waitUntilDrained, withDatabase } from './kit/database-checks';
import { OrderWriter } from './kit/order-writer';
import { Role } from './kit/app-processes';
import { Scale, Scenario, expectThat, sleep } from './kit/scenario';

const SCALES: Record<Scale, { customers: number; orders: number; perSecond: number; kills: Role[] }> = {
  ci: { customers: 20, orders: 300, perSecond: 10, kills: ['worker', 'api', 'worker'] },
  full: { customers: 200, orders: 3000, perSecond: 50, kills: ['worker', 'api', 'worker', 'worker', 'api', 'worker', 'worker'] },
};

/** Lower than the 30 s default, so that what a killed worker had handed but not confirmed is handed again soon. */
const DELIVERY_TIMEOUT_MS = 5000;

/**
 * R1: orders (most paid in full) are written through the API at a steady rate while the worker and the API are
 * killed with kill -9 and started again, spread over the run. A write the API did not answer 201 counts as not
 * written (the client saw no success). After the drain: every order answered 201 is stored, once; every customer's
 * and every account's lifetime value equals a from-scratch SQL computation over what is stored (0 lost, 0 doubled).
 */
export const paymentsUnderKill: Scenario = {
  name: 'payments-under-kill',
  description: 'R1: orders written at a steady rate while the worker and the API are killed -9; exact values, 0 lost, 0 doubled',
  async run(kit, scale) {
    const size = SCALES[scale];
    await kit.startStack({ env: { DELIVERY_TIMEOUT_MS: String(DELIVERY_TIMEOUT_MS) } });
    const customers = await kit.createCustomers(size.customers);
    const writer = new OrderWriter(kit.newClient(), customers, size.perSecond);
    writer.start(size.orders);
    kit.step(`writing ${size.orders} orders at ${size.perSecond}/s`);

    const unconfirmedAtKills: number[] = [];
    // Kill number i when the (i+1)-th share of the orders is sent, so kills fall while writes go on.
    for (const [i, role] of size.kills.entries()) {
      const due = Math.round(((i + 1) * size.orders) / (size.kills.length + 1));
      while (writer.tally.sent < due) await sleep(50);
      const target = kit[role];
      // A worker is killed with a job in flight where there is one (within 3 s), the API whenever its turn comes.
      if (role === 'worker') await waitForHandedJob(kit.databaseUrl, 3000);
      await target.kill();
      unconfirmedAtKills.push(await withDatabase(kit.databaseUrl, async (db) => (await db.query(HANDED_UNCONFIRMED_SQL)).rows[0].n as number));
      kit.step(`${role} killed (kill -9) after ${writer.tally.sent} writes (${unconfirmedAtKills.at(-1)} handed jobs unconfirmed)`);
      await target.start();
      kit.step(`${role} started again`);
    }
    const tally = await writer.finish();
    const written = Date.now();
    kit.step(`all ${tally.sent} writes answered`);

    const odd = writer.unexpected(['201', ...CONNECTION_CLOSED]);
    expectThat(Object.keys(odd).length === 0, `writes got other answers than 201 or a refused/closed connection: ${JSON.stringify(odd)}`);

    await waitUntilDrained(kit.databaseUrl, kit.worker.port, 180_000);
    const drainMs = Date.now() - written;
    kit.step('outbox, deliveries and queues drained');
    const stored = await checkAnsweredOrdersStored(kit.databaseUrl, tally.createdIds, writer.prefix);
    const linked = await linkedCustomers(kit.databaseUrl);
    expectThat(linked === customers.length, `${linked} of ${customers.length} customers are linked to an account`);
    await compareWithFromScratch(kit.databaseUrl, LIFETIME_CHECKS);

    console.log(
      `  writes: ${tally.sent} at ${size.perSecond}/s: ${JSON.stringify(tally.byOutcome)}; stored ${stored} (${stored - tally.created} without their answer); ` +
        `kills: ${size.kills.join(', ')} (handed jobs unconfirmed at each: ${unconfirmedAtKills.join(', ')}); drain time after the last answer ${drainMs} ms (DELIVERY_TIMEOUT_MS ${DELIVERY_TIMEOUT_MS}); ` +
        `${customers.length} customers' and their accounts' lifetime values exact`,
    );
  },
};
