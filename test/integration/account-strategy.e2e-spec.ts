import { ReassignCustomerAccountsJob } from '../../libs/integration/strategy/reassign-customer-accounts.job';
import { useApp } from '../harness/use-app';
import { api } from '../identity/auth-helpers';

/** Domain §4.3 and decision 5: the "root" strategy, switching to it and back, and re-parenting under it. */
describe('the customer account strategy (settings integration.customerAccountStrategy)', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, patch, ref } = app;
  const ids: Record<string, string> = {};
  const own: Record<string, string> = {};
  let order = 0;

  const customer = async (name: string, parent?: string) =>
    (await post('customers', { name }, parent ? { parent: ref('customers', ids[parent]) } : {})).json.data.id as string;
  const accountOf = async (name: string) => (await get(`/admin/api/customers/${ids[name]}`)).json.data.relationships.account.data.id as string;
  const commerceTotal = async (accountId: string) => {
    const [channel] = await app.sql(`SELECT id::text FROM crm.channel WHERE organization_id = $1 AND channel_type = 'commerce'`, [app.state.ids.orgA]);
    const rows = (await get(`/admin/api/accounts/${accountId}/lifetimevalues`)).json.data;
    return rows.find((r: { relationships: { channel: { data: { id: string } | null } } }) => r.relationships.channel.data?.id === channel.id)?.attributes.amount;
  };
  const setStrategy = async (strategy: string) => {
    const response = await api(app.state.t, app.state.admin, 'PATCH', '/admin/api/settings/integration', {
      data: { type: 'settings', id: 'integration', attributes: { customerAccountStrategy: strategy } },
    });
    expect(response.status).toBe(200);
    await app.state.t.drain();
  };

  beforeAll(async () => {
    ids.R = await customer('Root R');
    ids.A = await customer('Child A', 'R');
    ids.A1 = await customer('Grandchild A1', 'A');
    ids.B = await customer('Child B', 'R');
    ids.S = await customer('Root S');
    for (const [name, amount] of [['R', '10'], ['A', '20'], ['A1', '5'], ['B', '1'], ['S', '100']]) {
      await post('orders', { identifier: `STR-${++order}`, currency: 'USD', subtotal: amount, total: amount, paymentStatus: 'full' }, { customer: ref('customers', ids[name]) });
    }
    await app.state.t.drain();
    for (const name of Object.keys(ids)) own[name] = await accountOf(name);
  });

  it('starts with "each": every customer has its own account', async () => {
    expect(new Set(Object.values(own)).size).toBe(5);
    expect((await get('/admin/api/settings/integration')).json.data.attributes).toEqual({
      customerAccountStrategy: 'each',
      linkExistingCustomers: null,
      reassignCustomerAccounts: null,
    });
  });

  it('"root" puts every customer in its root customer\'s account, totals included, and new children join it at once', async () => {
    await setStrategy('root');
    for (const name of ['A', 'A1', 'B']) expect(await accountOf(name)).toBe(own.R);
    expect(await commerceTotal(own.R)).toBe('36.0000');
    expect(await commerceTotal(own.A)).toBe('0.0000');
    ids.C = await customer('Child C', 'R');
    expect(await accountOf('C')).toBe(own.R);
  });

  it('under "root", a re-parented subtree follows its new root\'s account', async () => {
    expect((await patch('customers', ids.A, {}, { parent: ref('customers', ids.S) })).status).toBe(200);
    await app.state.t.drain();
    expect(await accountOf('A')).toBe(own.S);
    expect(await accountOf('A1')).toBe(own.S);
    expect(await commerceTotal(own.S)).toBe('125.0000');
    expect(await commerceTotal(own.R)).toBe('11.0000');
  });

  it('back to "each", customers return to the accounts they had, and a child that never had one gets its own', async () => {
    await setStrategy('each');
    for (const name of ['A', 'A1', 'B']) expect(await accountOf(name)).toBe(own[name]);
    const c = await accountOf('C');
    expect(c).not.toBe(own.R);
    expect((await get(`/admin/api/accounts/${c}`)).json.data.attributes.name).toBe('Child C');
    expect(await commerceTotal(own.A)).toBe('20.0000');
    expect(await commerceTotal(own.S)).toBe('100.0000');
    // Running the reassignment again changes nothing.
    await app.state.t.get(ReassignCustomerAccountsJob).run({ organizationId: app.state.ids.orgA });
    expect(await accountOf('C')).toBe(c);
    for (const name of ['R', 'A', 'A1', 'B', 'S']) expect(await accountOf(name)).toBe(own[name]);
  });

  it('refuses a strategy it does not know', async () => {
    const response = await api(app.state.t, app.state.admin, 'PATCH', '/admin/api/settings/integration', {
      data: { type: 'settings', id: 'integration', attributes: { customerAccountStrategy: 'parent' } },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors[0].source.pointer).toBe('/data/attributes/customerAccountStrategy');
  });
});
