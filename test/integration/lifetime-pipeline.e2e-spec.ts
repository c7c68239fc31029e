import { CustomerLifetimeValuesChanged } from '../../libs/contracts/commerce';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { AccountLifetimeValuesSubscriber } from '../../libs/integration/customer-accounts/account-lifetime-values.subscriber';
import { DatabaseHandle, Reconciliation, TransactionRunner, resolveModules, runMigrations } from '../../libs/platform/runtime';
import { createTestApp } from '../harness/create-test-app';
import { createTestDatabase } from '../harness/test-database';
import { useApp } from '../harness/use-app';
import { seedIdentities } from '../identity/auth-helpers';

/** Issue 11: a payment reaches its account's total by one straight path, and nothing wrong stays wrong. */
describe('the lifetime pipeline (integration)', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, patch, ref, sql } = app;
  let sequence = 0;

  const customer = async (name: string, relationships: object = {}) => (await post('customers', { name }, relationships)).json.data.id as string;
  const accountOf = async (customerId: string) => (await get(`/admin/api/customers/${customerId}`)).json.data.relationships.account.data.id as string;
  const order = async (customerId: string, subtotal: string, paymentStatus: string | null = null) =>
    (await post('orders', { identifier: `PIPE-${++sequence}`, currency: 'USD', subtotal, total: subtotal, paymentStatus }, { customer: ref('customers', customerId) })).json
      .data.id as string;
  const channel = async () => (await sql(`SELECT id::text FROM crm.channel WHERE organization_id = $1 AND channel_type = 'commerce'`, [app.state.ids.orgA]))[0].id as string;
  const commerceTotal = async (accountId: string) =>
    (await sql(`SELECT amount::text FROM crm.account_lifetime_value WHERE account_id = $1 AND channel_id = $2`, [accountId, await channel()]))[0]?.amount as string | undefined;
  const history = async (accountId: string) =>
    (await sql(`SELECT count(*)::int AS n FROM crm.lifetime_value_history WHERE account_id = $1 AND channel_id = $2`, [accountId, await channel()]))[0].n as number;
  const reconcile = async () => Object.fromEntries((await app.state.t.get(Reconciliation).run('lifetime')).map((r) => [r.name, r.corrected]));

  it('has the commerce channel of every organization before any value is recorded', async () => {
    for (const organizationId of [app.state.ids.orgA, app.state.ids.orgB]) {
      expect(await sql(`SELECT name, status, is_system FROM crm.channel WHERE organization_id = $1 AND channel_type = 'commerce'`, [organizationId])).toEqual([
        { name: 'Commerce', status: 'active', is_system: true },
      ]);
    }
    expect(await sql(`SELECT count(*)::int AS n FROM crm.account_lifetime_value`)).toEqual([{ n: 0 }]);
  });

  it('updates an account once, with the exact total, for a burst of payments of its customers', async () => {
    const first = await customer('Burst One');
    const account = await accountOf(first);
    const second = await customer('Burst Two', { account: ref('accounts', account) });
    const orders = [
      ...(await Promise.all(['10', '20.5', '30'].map((subtotal) => order(first, subtotal)))),
      ...(await Promise.all(['1.25', '2'].map((subtotal) => order(second, subtotal)))),
    ];
    await app.state.t.drain();
    const before = await history(account);
    for (const id of orders) expect((await patch('orders', id, { paymentStatus: 'full' })).status).toBe(200);
    await app.state.t.drain();
    expect(await commerceTotal(account)).toBe('63.7500');
    // One recomputation, one event, one new total for the five payments.
    expect((await history(account)) - before).toBe(1);
    expect((await get(`/admin/api/accounts/${account}`)).json.data.attributes.lifetimeValue).toBe('63.7500');
  });

  it('keeps the newest value whatever the order or number of deliveries (R5)', async () => {
    const id = await customer('Overtaken');
    await order(id, '40', 'full');
    await app.state.t.drain();
    const account = await accountOf(id);
    const [{ version }] = await sql(`SELECT lifetime_version::text AS version FROM commerce.customer WHERE id = $1`, [id]);
    const subscriber = app.state.t.get(AccountLifetimeValuesSubscriber);
    const at = (amount: string, v: number) => new CustomerLifetimeValuesChanged(app.state.ids.orgA, [id], [amount], 'USD', [String(Number(version) + v)]);
    const deliver = (event: CustomerLifetimeValuesChanged) => app.state.t.get(TransactionRunner).run(() => subscriber.handle(event));
    // Later values delivered first, then an older one and the same one again: the newest stays.
    await deliver(at('70.0000', 2));
    await deliver(at('55.0000', 1));
    await deliver(at('70.0000', 2));
    await deliver(at('40.0000', 0));
    expect(await commerceTotal(account)).toBe('70.0000');
    expect(await sql(`SELECT lifetime_sales_value::text AS v FROM integration.customer_account WHERE customer_id = $1`, [id])).toEqual([{ v: '70.0000' }]);
  });

  it('reconciles: corrects corrupted customer, link and account values, says how many, and 0 when healthy', async () => {
    await app.state.t.drain();
    await reconcile(); // the previous test's invented value is corrected here; from now on everything is exact
    expect(await reconcile()).toEqual({ 'crm.account-lifetime-values': 0, 'commerce.customer-lifetime-sales-values': 0, 'integration.account-commerce-totals': 0 });

    const [x, y] = [await customer('Drift X'), await customer('Drift Y')];
    await order(x, '12', 'full');
    await order(y, '20', 'full');
    await app.state.t.drain();
    const [ax, ay] = [await accountOf(x), await accountOf(y)];
    const idle = (await post('accounts', { name: 'Idle Account' })).json.data.id;
    // What lost work and bad hands leave behind:
    await sql(`UPDATE commerce.customer SET lifetime_sales_value = 999 WHERE id = $1`, [x]);
    await sql(`UPDATE integration.customer_account SET lifetime_sales_value = 500 WHERE customer_id = $1`, [y]);
    await sql(`UPDATE crm.account_lifetime_value SET amount = 1 WHERE account_id = $1 AND channel_id = $2`, [ax, await channel()]);
    await sql(`INSERT INTO crm.account_lifetime_value (organization_id, account_id, channel_id, amount) VALUES ($1, $2, $3, 77)`, [app.state.ids.orgA, idle, await channel()]);
    await sql(`INSERT INTO crm.account_lifetime_value (organization_id, account_id, channel_id, amount) VALUES ($1, $2, NULL, 5)`, [app.state.ids.orgA, idle]);
    await sql(`DELETE FROM integration.commerce_channel`);

    expect(await reconcile()).toEqual({
      'crm.account-lifetime-values': 1, // the idle account's own total (no won opportunity)
      'commerce.customer-lifetime-sales-values': 1, // X
      'integration.account-commerce-totals': 3, // Y's link, X's account total, the idle account's commerce total
    });
    expect(await sql(`SELECT lifetime_sales_value::text AS v FROM commerce.customer WHERE id = $1`, [x])).toEqual([{ v: '12.0000' }]);
    expect([await commerceTotal(ax), await commerceTotal(ay), await commerceTotal(idle)]).toEqual(['12.0000', '20.0000', '0.0000']);
    expect((await get(`/admin/api/accounts/${idle}`)).json.data.attributes.lifetimeValue).toBe('0.0000');
    expect(await sql(`SELECT count(*)::int AS n FROM integration.commerce_channel`)).toEqual([{ n: 2 }]);

    await app.state.t.drain(); // Commerce announced X's corrected value: nothing moves
    expect(await reconcile()).toEqual({ 'crm.account-lifetime-values': 0, 'commerce.customer-lifetime-sales-values': 0, 'integration.account-commerce-totals': 0 });
    const metrics = (await app.state.t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('reconciliation_corrected_values{topic="lifetime",reconciler="integration.account-commerce-totals"} 0');
  });
});

/** Decision 6: enabling the integration over existing organizations creates their commerce channel at once. */
describe('enabling the integration (the commerce channel)', () => {
  let database: DatabaseHandle;

  afterAll(() => database?.close());

  it('gives every existing organization its commerce channel, without any value recorded', async () => {
    database = await createTestDatabase(resolveModules(['crm', 'commerce'], moduleCatalog));
    const before = await createTestApp({ modules: ['crm', 'commerce'], database });
    const { orgA, orgB } = await seedIdentities(before);
    await before.drain();
    await before.close();
    await runMigrations(database, resolveModules(['crm', 'commerce', 'integration'], moduleCatalog));
    const t = await createTestApp({ database });
    try {
      await t.drain();
      const sql = (q: string) => t.get(TransactionRunner).manager.query(q);
      const channels = await sql(`SELECT organization_id::text AS org FROM crm.channel WHERE channel_type = 'commerce' AND is_system ORDER BY organization_id`);
      expect(channels.map((c: { org: string }) => c.org)).toEqual(expect.arrayContaining([orgA, orgB]));
      expect(await sql(`SELECT count(*)::int AS n FROM integration.commerce_channel`)).toEqual([{ n: channels.length }]);
      expect(await sql(`SELECT count(*)::int AS n FROM crm.account_lifetime_value`)).toEqual([{ n: 0 }]);
    } finally {
      await t.close();
    }
  });
});
