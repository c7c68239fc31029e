import { Queue } from 'bullmq';
import { DeliverySweeper, OutboxRelay } from '../../libs/platform/runtime';
import { useApp } from '../harness/use-app';

// Jobs lost by the queue itself: BullMQ on Redis (the embedded queue commits with the database and cannot lose them).
const withRedis = process.env.TEST_REDIS_URL && process.env.TEST_DATABASE_URL ? describe : describe.skip;

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** R7: Redis wiped (restarted empty, failed over) while jobs were queued; every value exact again by itself. */
withRedis('jobs the queue lost (R7)', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, patch, ref, sql } = app;
  let sequence = 0;

  const queue = (name: string) => {
    const url = new URL(process.env.TEST_REDIS_URL!);
    return new Queue(name, { connection: { host: url.hostname, port: Number(url.port || 6379) }, prefix: app.state.t.config.queuePrefix });
  };
  /** Like a Redis restarted without persistence: every job, waiting or not, and every deduplication key gone. */
  const wipe = async (name: string) => {
    const q = queue(name);
    try {
      await q.obliterate({ force: true });
      await q.resume();
    } finally {
      await q.close();
    }
  };
  const pause = async (name: string) => {
    const q = queue(name);
    await q.pause();
    await q.close();
  };
  const unpaidOrder = async (customerId: string, subtotal: string) =>
    (await post('orders', { identifier: `LOST-${++sequence}`, currency: 'USD', subtotal, total: subtotal }, { customer: ref('customers', customerId) })).json.data.id as string;
  const totalOf = async (customerId: string) => {
    const account = (await get(`/admin/api/customers/${customerId}`)).json.data.relationships.account.data.id;
    return (await get(`/admin/api/accounts/${account}`)).json.data.attributes.lifetimeValue as string;
  };

  it('hands the lost recomputation and the lost delivery to the queue again; the values end exact', async () => {
    const id = (await post('customers', { name: 'Wiped Redis' })).json.data.id as string;
    const [first, second] = [await unpaidOrder(id, '10'), await unpaidOrder(id, '5')];
    await app.state.t.drain();
    const relay = app.state.t.get(OutboxRelay);
    const sweeper = app.state.t.get(DeliverySweeper);

    // The recomputation is lost before any worker took it.
    await pause('commerce');
    await patch('orders', first, { paymentStatus: 'full' });
    await relay.relayAll();
    await wipe('commerce');
    await app.state.t.drain();
    expect((await get(`/admin/api/customers/${id}`)).json.data.attributes.lifetimeSalesValue).toBe('0.0000');
    expect(await sql(`SELECT name FROM platform.delivery`)).toEqual([{ name: 'commerce.recompute-lifetime-sales-value' }]);
    expect(await sweeper.sweep(0)).toBe(1);
    await app.state.t.drain();
    expect(await totalOf(id)).toBe('10.0000');

    // The event delivery to the integration is lost after Commerce recomputed.
    await pause('platform');
    await patch('orders', second, { paymentStatus: 'full' });
    await relay.relayAll();
    await until(async () => (await sql(`SELECT 1 FROM platform.outbox WHERE dispatched_at IS NULL AND topic = 'commerce.customers.lifetime-values-changed'`)).length > 0);
    await relay.relayAll();
    await wipe('platform');
    await app.state.t.drain();
    expect((await get(`/admin/api/customers/${id}`)).json.data.attributes.lifetimeSalesValue).toBe('15.0000');
    expect(await totalOf(id)).toBe('10.0000');
    expect(await sweeper.sweep(0)).toBe(1);
    await app.state.t.drain();
    expect(await totalOf(id)).toBe('15.0000');
    // Every delivery confirmed: nothing left to hand again.
    expect(await sql(`SELECT count(*)::int AS n FROM platform.delivery`)).toEqual([{ n: 0 }]);
    expect(await sweeper.sweep(0)).toBe(0);
  });
});
