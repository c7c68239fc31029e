import { validateOpenApi } from '../harness/openapi-validator';
import { useApp } from '../harness/use-app';
import { api, login } from '../identity/auth-helpers';

/** Domain §4.6 (target S6's content): an account across every channel, each part guarded by the caller's access. */
describe('GET /admin/api/accounts/{id}/overview', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, ref } = app;
  let account: string;
  let customer: string;

  beforeAll(async () => {
    customer = (await post('customers', { name: 'Overview Co' }, { owner: ref('users', app.state.ids.repA) })).json.data.id;
    account = (await get(`/admin/api/customers/${customer}`)).json.data.relationships.account.data.id;
    const buyer = (await get('/admin/api/customeruserroles?filter[role]=ROLE_FRONTEND_BUYER')).json.data[0].id;
    await post('customerusers', { email: 'ann@overview.test', firstName: 'Ann', lastName: 'Lee' }, { customer: ref('customers', customer), roles: { data: [{ type: 'customeruserroles', id: buyer }] } });
    await post('orders', { identifier: 'OV-1', currency: 'USD', subtotal: '100', total: '100', paymentStatus: 'full' }, { customer: ref('customers', customer) });
    await post('opportunities', { name: 'Admin deal' }, { account: ref('accounts', account) });
    await post('opportunities', { name: 'Rep deal' }, { account: ref('accounts', account), owner: ref('users', app.state.ids.repA) });
    await post('opportunities', { name: 'Closed deal', closeRevenueValue: '5' }, { account: ref('accounts', account), status: { data: { type: 'opportunitystatuses', id: 'won' } } });
    await post('opportunities', { name: 'Customer deal' }, { customer: ref('customers', customer) });
    await app.state.t.drain();
  });

  it('shows every channel, the open opportunities and the commerce customers with their users and orders', async () => {
    const response = await get(`/admin/api/accounts/${account}/overview`);
    expect(response.status).toBe(200);
    const { data, meta } = response.json;
    expect(data).toMatchObject({ type: 'accountoverviews', id: account, relationships: { account: { data: { type: 'accounts', id: account } } } });
    expect(data.attributes).toMatchObject({ name: 'Overview Co', lifetimeValue: '105.0000' });
    expect(data.attributes.channels.map((c: { amount: string }) => c.amount).sort()).toEqual(['100.0000', '5.0000']);
    expect(data.attributes.openOpportunities.map((o: { name: string }) => o.name).sort()).toEqual(['Admin deal', 'Customer deal', 'Rep deal']);
    expect(data.attributes.customers).toEqual([
      {
        id: customer,
        name: 'Overview Co',
        lifetimeSalesValue: '100.0000',
        lifetimePaidOrderCount: 1,
        subtreeLifetimeSalesValue: '100.0000',
        users: [expect.objectContaining({ email: 'ann@overview.test', firstName: 'Ann' })],
        recentOrders: [expect.objectContaining({ identifier: 'OV-1', subtotal: '100.0000', paymentStatus: 'full' })],
        openOpportunities: [expect.objectContaining({ name: 'Customer deal', status: 'in_progress' })],
      },
    ]);
    expect(meta).toEqual({ customerCount: 1, customersShown: 1, contactCount: 0, businessCustomerCount: 0 });
  });

  it("shows a sales rep only its own records, and hides other organizations' accounts", async () => {
    const rep = await login(app.state.t, 'rep@acme.test');
    const mine = (await api(app.state.t, rep, 'GET', `/admin/api/accounts/${account}/overview`)).json.data.attributes;
    expect(mine.openOpportunities.map((o: { name: string }) => o.name)).toEqual(['Rep deal']);
    expect(mine.customers.map((c: { name: string }) => c.name)).toEqual(['Overview Co']);
    const adminsAccount = (await post('accounts', { name: 'Not the rep\'s' })).json.data.id;
    expect((await api(app.state.t, rep, 'GET', `/admin/api/accounts/${adminsAccount}/overview`)).status).toBe(404);

    const beta = await login(app.state.t, 'admin@beta.test');
    expect((await api(app.state.t, beta, 'GET', `/admin/api/accounts/${account}/overview`)).status).toBe(404);
    expect((await get('/admin/api/accounts/999999/overview')).status).toBe(404);
    expect((await get('/admin/api/accounts/x/overview')).status).toBe(404);
    expect((await api(app.state.t, null, 'GET', `/admin/api/accounts/${account}/overview`)).status).toBe(401);
  });

  it('lists the first contacts and business customers with their totals, the channels by name, each as the caller may see them', async () => {
    const rep = app.state.ids.repA;
    for (const [firstName, lastName, owner] of [['Zoe', 'Zeta', undefined], ['Amy', 'Alpha', rep]] as const) {
      await post('contacts', { firstName, lastName }, { accounts: { data: [{ type: 'accounts', id: account }] }, ...(owner ? { owner: ref('users', owner) } : {}) });
    }
    const channel = (await post('channels', { name: 'Wholesale', channelType: 'b2b' })).json.data.id;
    await post('b2bcustomers', { name: 'Overview buyer' }, { account: ref('accounts', account), channel: ref('channels', channel) });

    const { data, meta } = (await get(`/admin/api/accounts/${account}/overview`)).json;
    expect(data.attributes.contacts).toEqual([
      { id: expect.any(String), firstName: 'Amy', lastName: 'Alpha' },
      { id: expect.any(String), firstName: 'Zoe', lastName: 'Zeta' },
    ]);
    expect(data.attributes.businessCustomers).toEqual([{ id: expect.any(String), name: 'Overview buyer', lifetime: '0.0000' }]);
    expect(meta).toMatchObject({ contactCount: 2, businessCustomerCount: 1 });
    expect(data.attributes.channels.map((c: { channelName: string | null }) => c.channelName).sort()).toEqual(['Commerce', null]);

    // A sales rep sees its own contact only, and counts only what it may see.
    const mine = (await api(app.state.t, await login(app.state.t, 'rep@acme.test'), 'GET', `/admin/api/accounts/${account}/overview`)).json;
    expect(mine.data.attributes.contacts.map((c: { lastName: string }) => c.lastName)).toEqual(['Alpha']);
    expect(mine.meta).toMatchObject({ contactCount: 1, businessCustomerCount: 0 });
  });

  it('is documented with its path parameter, in a valid OpenAPI document of the whole product', async () => {
    const document = (await get('/admin/api/doc/openapi.json')).json;
    expect(document.paths['/admin/api/accounts/{id}/overview'].get.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(await validateOpenApi(document)).toEqual({ valid: true });
  });

  it("keeps each customer's opportunities, users and orders with it when the account has several customers", async () => {
    const second = (await post('customers', { name: 'Second Co' }, { account: ref('accounts', account) })).json.data.id;
    await post('opportunities', { name: 'Second deal' }, { customer: ref('customers', second) });
    await post('opportunities', { name: 'Second lost deal' }, { customer: ref('customers', second), status: { data: { type: 'opportunitystatuses', id: 'lost' } } });
    await app.state.t.drain();
    const { data, meta } = (await get(`/admin/api/accounts/${account}/overview`)).json;
    const byName = Object.fromEntries(data.attributes.customers.map((c: { name: string }) => [c.name, c]));
    expect(meta).toEqual({ customerCount: 2, customersShown: 2, contactCount: 2, businessCustomerCount: 1 });
    expect(byName['Overview Co'].openOpportunities.map((o: { name: string }) => o.name)).toEqual(['Customer deal']);
    expect(byName['Second Co']).toMatchObject({ id: second, users: [], recentOrders: [], lifetimeSalesValue: '0.0000' });
    expect(byName['Second Co'].openOpportunities.map((o: { name: string }) => o.name)).toEqual(['Second deal']);
    expect(byName['Overview Co'].users.map((u: { email: string }) => u.email)).toEqual(['ann@overview.test']);
  });
});
