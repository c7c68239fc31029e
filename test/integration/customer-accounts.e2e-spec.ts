import { QueryBus } from '@nestjs/cqrs';
import { CustomerCreated, CustomerLifetimeValuesChanged, CustomersCreated } from '../../libs/contracts/commerce';
import { GetAccountForCustomerIdentity } from '../../libs/contracts/crm';
import { AccountLifetimeValuesSubscriber } from '../../libs/integration/customer-accounts/account-lifetime-values.subscriber';
import { LinkNewCustomerSubscriber } from '../../libs/integration/customer-accounts/link-new-customer.subscriber';
import { LinkNewCustomersSubscriber } from '../../libs/integration/customer-accounts/link-new-customers.subscriber';
import { Outbox, TransactionRunner } from '../../libs/platform';
import { useApp } from '../harness/use-app';
import { api, login } from '../identity/auth-helpers';

type LifetimeRow = { attributes: { amount: string }; relationships: { channel: { data: { id: string } | null } } };

/** Domain §4.2 (strategy "each") and §3.4: every commerce customer has an account, which sums its customers' values. */
describe('commerce customers and their accounts (integration)', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, remove, ref, sql } = app;
  let sequence = 0;
  const loginAs = (email: string) => login(app.state.t, email);

  const customer = async (name: string, relationships: object = {}) => (await post('customers', { name }, relationships)).json.data.id as string;
  const paidOrder = async (customerId: string, subtotal: string) =>
    (await post('orders', { identifier: `INT-${++sequence}`, currency: 'USD', subtotal, total: subtotal, paymentStatus: 'full' }, { customer: ref('customers', customerId) }))
      .json.data.id as string;
  const accountOf = async (customerId: string): Promise<string | undefined> =>
    (await app.state.t.get(QueryBus).execute(new GetAccountForCustomerIdentity({ organizationId: app.state.ids.orgA, targetType: 'commerce.customer', targetId: customerId })))
      ?.id;
  const commerceValue = async (accountId: string) => {
    const rows: LifetimeRow[] = (await get(`/admin/api/accounts/${accountId}/lifetimevalues?include=channel`)).json.data;
    const [channel] = await sql(`SELECT id::text FROM crm.channel WHERE organization_id = $1 AND channel_type = 'commerce'`, [app.state.ids.orgA]);
    return rows.find((r) => r.relationships.channel.data?.id === channel?.id)?.attributes.amount;
  };

  it('gives a new customer its own account, named after it and owned by its owner', async () => {
    const id = await customer('Skynet Retail');
    await app.state.t.drain();
    const accountId = await accountOf(id);
    expect(accountId).toBeDefined();
    const account = (await get(`/admin/api/accounts/${accountId}`)).json.data;
    expect(account.attributes.name).toBe('Skynet Retail');
    expect(account.relationships.owner.data).toEqual({ type: 'users', id: app.state.ids.adminA });
    // A child gets its own account too (strategy "each").
    const child = await customer('Skynet Branch', { parent: ref('customers', id) });
    await app.state.t.drain();
    expect(await accountOf(child)).not.toBe(accountId);
  });

  describe('the API (customers.account, accounts.customers)', () => {
    it('links a new customer at once, to a new account or to the one chosen', async () => {
      const created = await post('customers', { name: 'Linked At Once' });
      const own = created.json.data.relationships.account.data;
      expect(own).toEqual({ type: 'accounts', id: expect.any(String) });
      expect((await get(`/admin/api/accounts/${own.id}`)).json.data.attributes.name).toBe('Linked At Once');

      const chosen = (await post('accounts', { name: 'Chosen Account' })).json.data.id;
      const child = await post('customers', { name: 'In Chosen' }, { account: ref('accounts', chosen) });
      expect(child.json.data.relationships.account.data).toEqual({ type: 'accounts', id: chosen });
      expect((await get(`/admin/api/accounts/${chosen}`)).json.data.relationships.customers.data).toEqual([{ type: 'customers', id: child.json.data.id }]);
      expect(await sql(`SELECT count(*)::int AS n FROM crm.account WHERE name = 'In Chosen'`)).toEqual([{ n: 0 }]);
      await app.state.t.drain(); // the creation event finds the link and changes nothing
      expect(await accountOf(child.json.data.id)).toBe(chosen);
      // Both sides filter: the customers of an account, the accounts of a customer.
      const ofChosen = (await get(`/admin/api/customers?filter[account]=${chosen}`)).json.data;
      expect(ofChosen.map((c: { id: string }) => c.id)).toEqual([child.json.data.id]);
      const ofChild = (await get(`/admin/api/accounts?filter[customers]=${child.json.data.id}`)).json.data;
      expect(ofChild.map((a: { id: string }) => a.id)).toEqual([chosen]);
      const paths = Object.keys((await get('/admin/api/doc/openapi.json')).json.paths);
      expect(paths).toEqual(expect.arrayContaining(['/admin/api/customers/{id}/relationships/account', '/admin/api/accounts/{id}/relationships/customers']));
    });

    it('moves a customer, with its value, when its account changes; never to none', async () => {
      const id = await customer('Mover');
      await paidOrder(id, '30');
      await app.state.t.drain();
      const from = (await accountOf(id))!;
      const to = (await post('accounts', { name: 'Destination' })).json.data.id;
      expect((await app.patch('customers', id, {}, { account: ref('accounts', to) })).status).toBe(200);
      expect(await accountOf(id)).toBe(to);
      expect(await commerceValue(to)).toBe('30.0000');
      expect(await commerceValue(from)).toBe('0.0000');
      const back = await api(app.state.t, app.state.admin, 'PATCH', `/admin/api/customers/${id}/relationships/account`, ref('accounts', from));
      expect(back.status).toBe(204);
      expect(await accountOf(id)).toBe(from);

      const none = await app.patch('customers', id, {}, { account: { data: null } });
      expect(none.status).toBe(400);
      expect(none.json.errors[0]).toMatchObject({ title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/relationships/account/data' } });
      const noneRoute = await api(app.state.t, app.state.admin, 'PATCH', `/admin/api/customers/${id}/relationships/account`, { data: null });
      expect(noneRoute.status).toBe(400);
    });

    it('moves customers both ways at once: each move is whole or refused with 409, and the totals add up', async () => {
      const [x, y] = [await customer('Swap X'), await customer('Swap Y')];
      await paidOrder(x, '1');
      await paidOrder(y, '2');
      await app.state.t.drain();
      const [ax, ay] = [(await accountOf(x))!, (await accountOf(y))!];
      const moves = Array.from({ length: 10 }, (_, i) => [
        app.patch('customers', x, {}, { account: ref('accounts', i % 2 === 0 ? ay : ax) }),
        app.patch('customers', y, {}, { account: ref('accounts', i % 2 === 0 ? ax : ay) }),
      ]).flat();
      // Background jobs touch the same accounts' totals meanwhile: a lock cycle with one of them is answered 409
      // ("send the request again"), never with a half-made move.
      for (const response of await Promise.all(moves)) {
        if (response.status !== 200) expect(response.json.errors[0]).toMatchObject({ status: '409', detail: expect.stringContaining('send the request again') });
      }
      await app.state.t.drain();
      const [nowX, nowY] = [(await accountOf(x))!, (await accountOf(y))!];
      const expected = (account: string) => (nowX === account ? 1 : 0) + (nowY === account ? 2 : 0);
      for (const account of [ax, ay]) expect(Number(await commerceValue(account))).toBe(expected(account));
    });

    it("refuses another organization's account and keeps accounts.customers read-only", async () => {
      const beta = (await post('accounts', { name: 'Beta Account' }, {}, await loginAs('admin@beta.test'))).json.data.id;
      const foreign = await post('customers', { name: 'Wants Beta' }, { account: ref('accounts', beta) });
      expect(foreign.status).toBe(400);
      expect(foreign.json.errors[0]).toMatchObject({ title: 'form constraint', detail: 'The entity does not exist.', source: { pointer: '/data/relationships/account/data' } });
      expect(await sql(`SELECT count(*)::int AS n FROM commerce.customer WHERE name = 'Wants Beta'`)).toEqual([{ n: 0 }]);

      const account = (await post('accounts', { name: 'Read Only Side' })).json.data.id;
      const routed = await api(app.state.t, app.state.admin, 'PATCH', `/admin/api/accounts/${account}/relationships/customers`, { data: [] });
      expect(routed.status).toBe(405);
      expect(routed.headers.allow).toBe('OPTIONS, GET');
    });
  });

  it('does nothing more when the creation is delivered again', async () => {
    const id = await customer('Delivered Twice');
    await app.state.t.drain();
    await app.state.t.get(LinkNewCustomerSubscriber).handle(new CustomerCreated(id, 'Delivered Twice', null, null, app.state.ids.orgA));
    expect(await sql(`SELECT count(*)::int AS n FROM crm.account WHERE name = 'Delivered Twice'`)).toEqual([{ n: 1 }]);
  });

  // Customers created together (a CSV import's chunk) come as one CustomersCreated; any path that skipped linking
  // them (here: rows stored directly) is made good by it, once.
  it('gives customers created together their accounts from their one event, once', async () => {
    const t = app.state.t;
    const created: Array<{ id: string; name: string }> = await sql(
      `INSERT INTO commerce.customer (organization_id, owner_id, name) SELECT $1, $2, unnest(ARRAY['Together One', 'Together Two'])
       RETURNING id::text AS id, name`,
      [app.state.ids.orgA, app.state.ids.adminA],
    );
    await sql(`UPDATE commerce.customer SET path = ARRAY[id] WHERE name LIKE 'Together %'`);
    const event = new CustomersCreated(app.state.ids.orgA, created.map((c) => c.id));
    await t.get(TransactionRunner).run(() => t.get(Outbox).publish(event));
    await t.drain();
    await t.get(LinkNewCustomersSubscriber).handle(event);
    expect(await sql(`SELECT name, count(*)::int AS n FROM crm.account WHERE name LIKE 'Together %' GROUP BY name ORDER BY name`)).toEqual([
      { name: 'Together One', n: 1 },
      { name: 'Together Two', n: 1 },
    ]);
    for (const c of created) expect((await get(`/admin/api/customers/${c.id}/relationships/account`)).json.data).toMatchObject({ type: 'accounts' });
  });

  it("sums its customers' lifetime sales values into the account's commerce channel, and follows merges and deletions", async () => {
    const first = await customer('First Buyer');
    const second = await customer('Second Buyer');
    await app.state.t.drain();
    await paidOrder(first, '100');
    const secondOrder = await paidOrder(second, '50.5');
    await app.state.t.drain();
    const [firstAccount, secondAccount] = [(await accountOf(first))!, (await accountOf(second))!];
    expect(await commerceValue(firstAccount)).toBe('100.0000');
    expect(await commerceValue(secondAccount)).toBe('50.5000');
    expect((await get(`/admin/api/accounts/${firstAccount}`)).json.data.attributes.lifetimeValue).toBe('100.0000');

    // Merging the second account into the first: one account, both customers, one total.
    const merged = await api(app.state.t, app.state.admin, 'POST', '/admin/api/accountmerges', {
      data: { type: 'accountmerges', attributes: { fields: {} }, relationships: { master: ref('accounts', firstAccount), accounts: { data: [firstAccount, secondAccount].map((id) => ({ type: 'accounts', id })) } } },
    });
    expect(merged.status).toBe(201);
    await app.state.t.drain();
    expect(await accountOf(second)).toBe(firstAccount);
    expect(await commerceValue(firstAccount)).toBe('150.5000');

    // The second customer goes (its order first): the account keeps the first customer's value only.
    expect((await remove('orders', secondOrder)).status).toBe(204);
    expect((await remove('customers', second)).status).toBe(204);
    await app.state.t.drain();
    expect(await accountOf(second)).toBeUndefined();
    expect(await commerceValue(firstAccount)).toBe('100.0000');
    expect(await sql(`SELECT count(*)::int AS n FROM integration.customer_account WHERE customer_id = $1`, [second])).toEqual([{ n: 0 }]);
  });

  it('leaves the customers of a deleted account without one, as Oro does', async () => {
    const id = await customer('Orphan Co');
    await app.state.t.drain();
    await paidOrder(id, '10');
    await app.state.t.drain();
    expect((await remove('accounts', (await accountOf(id))!)).status).toBe(204);
    await app.state.t.drain();
    expect(await accountOf(id)).toBeUndefined();
    expect(await sql(`SELECT count(*)::int AS n FROM integration.customer_account WHERE customer_id = $1`, [id])).toEqual([{ n: 0 }]);
    // Its value changes from then on touch no account.
    await paidOrder(id, '5');
    await app.state.t.drain();
    expect((await get(`/admin/api/customers/${id}`)).json.data.attributes.lifetimeSalesValue).toBe('15.0000');
  });

  it('takes the current values from Commerce, whatever an overtaken event says', async () => {
    const id = await customer('Late Event');
    await app.state.t.drain();
    await paidOrder(id, '70');
    await app.state.t.drain();
    await app.state.t.get(AccountLifetimeValuesSubscriber).handle(new CustomerLifetimeValuesChanged(app.state.ids.orgA, [id], ['0.0000'], 'USD'));
    expect(await commerceValue((await accountOf(id))!)).toBe('70.0000');
  });
});

/** api.md decision 3: the relationships exist only with the integration module. */
describe('customers and accounts without the integration module', () => {
  const { get, post, ref } = useApp(['crm', 'commerce']);

  it('has neither customers.account nor accounts.customers', async () => {
    const account = (await post('accounts', { name: 'Standalone' })).json.data;
    expect(account.relationships.customers).toBeUndefined();
    const refused = await post('customers', { name: 'No Bridge' }, { account: ref('accounts', account.id) });
    expect(refused.json.errors[0]).toMatchObject({ status: '400', title: 'extra fields constraint', source: { pointer: '/data/relationships/account' } });
    const customer = (await post('customers', { name: 'No Bridge' })).json.data;
    expect(customer.relationships.account).toBeUndefined();
    const paths = Object.keys((await get('/admin/api/doc/openapi.json')).json.paths);
    expect(paths).not.toContain('/admin/api/customers/{id}/relationships/account');
  });
});
