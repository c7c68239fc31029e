import { Reconciliation } from '../../libs/platform/runtime';
import { useApp } from '../harness/use-app';

/** The lifetime breakdown (issue 11 item 6, oroinc/crm#243) on accounts: Σ of their commerce customers' paid-order counts. */
describe('account lifetime paid-order count (integration)', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, patch, ref, sql } = app;
  const drain = () => app.state.t.drain();
  let sequence = 0;

  const customer = async (name: string, relationships: object = {}) => {
    const response = await post('customers', { name }, relationships);
    expect(response.status).toBe(201);
    return response.json.data.id as string;
  };
  const accountOf = async (customerId: string) => (await get(`/admin/api/customers/${customerId}`)).json.data.relationships.account.data.id as string;
  const order = async (customerId: string, attributes: object) => {
    const response = await post('orders', { identifier: `BRK-${++sequence}`, currency: 'USD', subtotal: '10', total: '10', ...attributes }, { customer: ref('customers', customerId) });
    expect(response.status).toBe(201);
    return response.json.data.id as string;
  };
  const accountCount = async (accountId: string) => (await get(`/admin/api/accounts/${accountId}`)).json.data.attributes.lifetimePaidOrderCount as number;
  const reconcile = async () => Object.fromEntries((await app.state.t.get(Reconciliation).run('lifetime')).map((r) => [r.name, r.corrected]));

  it('an account counts the paid orders of all its commerce customers; cancelled and unpaid ones do not count', async () => {
    const first = await customer('Count One');
    const account = await accountOf(first);
    const second = await customer('Count Two', { account: ref('accounts', account) });
    expect(await accountCount(account)).toBe(0);
    await order(first, { paymentStatus: 'full' });
    await order(first, { paymentStatus: 'full', subtotal: '0' });
    await order(second, { paymentStatus: 'full' });
    await order(second, { paymentStatus: 'full', internalStatus: 'cancelled' });
    const unpaid = await order(second, { paymentStatus: 'pending' });
    await drain();
    expect(await accountCount(account)).toBe(3);
    expect((await get(`/admin/api/accounts?filter[lifetimePaidOrderCount]=3&filter[id]=${account}`)).json.data.map((a: { id: string }) => a.id)).toEqual([account]);

    await patch('orders', unpaid, { paymentStatus: 'full' });
    await drain();
    expect(await accountCount(account)).toBe(4);
    // An account without commerce customers has 0; sending the attribute is ignored like other read-only ones.
    const empty = (await post('accounts', { name: 'No Customers', lifetimePaidOrderCount: 12 })).json.data.id;
    expect(await accountCount(empty)).toBe(0);
  });

  it('the overview shows the account’s count and each customer’s count and subtree value', async () => {
    const root = await customer('Overview Root');
    const account = await accountOf(root);
    const child = await customer('Overview Child', { parent: ref('customers', root), account: ref('accounts', account) });
    await order(root, { paymentStatus: 'full', subtotal: '5' });
    await order(child, { paymentStatus: 'full', subtotal: '20' });
    await order(child, { paymentStatus: 'full', subtotal: '30' });
    await drain();
    const { attributes } = (await get(`/admin/api/accounts/${account}/overview`)).json.data;
    expect(attributes).toMatchObject({ lifetimeValue: '55.0000', lifetimePaidOrderCount: 3 });
    expect(attributes.customers.map((c: Record<string, unknown>) => [c.id, c.lifetimeSalesValue, c.lifetimePaidOrderCount, c.subtreeLifetimeSalesValue])).toEqual([
      [root, '5.0000', 1, '55.0000'],
      [child, '50.0000', 2, '50.0000'],
    ]);
  });

  it('moving a customer to another account moves its count', async () => {
    const mover = await customer('Mover');
    const from = await accountOf(mover);
    await order(mover, { paymentStatus: 'full' });
    await drain();
    const to = (await post('accounts', { name: 'Destination' })).json.data.id;
    expect((await patch('customers', mover, {}, { account: ref('accounts', to) })).status).toBe(200);
    await drain();
    expect([await accountCount(from), await accountCount(to)]).toEqual([0, 1]);
  });

  it('merging accounts adds their counts up, in the request and after the integration follows', async () => {
    const [m, n] = [await customer('Merge Count M'), await customer('Merge Count N')];
    await order(m, { paymentStatus: 'full' });
    await order(n, { paymentStatus: 'full' });
    await order(n, { paymentStatus: 'full' });
    await drain();
    const [master, other] = [await accountOf(m), await accountOf(n)];
    const merged = await post('accountmerges', { fields: {} }, { master: ref('accounts', master), accounts: { data: [master, other].map((id) => ({ type: 'accounts', id })) } });
    expect(merged.status).toBeLessThan(300);
    expect(await accountCount(master)).toBe(3);
    await drain();
    expect(await accountCount(master)).toBe(3);
  });

  it('the reconciliation fixes a corrupted link count and account count, and reports 0 when healthy', async () => {
    await drain();
    await reconcile();
    expect(await reconcile()).toEqual({ 'crm.account-lifetime-values': 0, 'commerce.customer-lifetime-sales-values': 0, 'integration.account-commerce-totals': 0 });
    const x = await customer('Drift Count X');
    const y = await customer('Drift Count Y');
    await order(x, { paymentStatus: 'full' });
    await order(y, { paymentStatus: 'full' });
    await drain();
    const [ax, ay] = [await accountOf(x), await accountOf(y)];
    await sql(`UPDATE integration.customer_account SET paid_order_count = 7 WHERE customer_id = $1`, [x]);
    await sql(`UPDATE crm.account SET lifetime_paid_order_count = 9 WHERE id = $1`, [ay]);
    const idle = (await post('accounts', { name: 'Idle Count' })).json.data.id;
    await sql(`UPDATE crm.account SET lifetime_paid_order_count = 4 WHERE id = $1`, [idle]);
    expect(await reconcile()).toEqual({
      'crm.account-lifetime-values': 0,
      'commerce.customer-lifetime-sales-values': 0,
      'integration.account-commerce-totals': 3, // X's link, Y's account count, the idle account's count
    });
    expect([await accountCount(ax), await accountCount(ay), await accountCount(idle)]).toEqual([1, 1, 0]);
    expect(await reconcile()).toEqual({ 'crm.account-lifetime-values': 0, 'commerce.customer-lifetime-sales-values': 0, 'integration.account-commerce-totals': 0 });
  });
});
