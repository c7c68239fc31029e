import { api, login } from '../identity/auth-helpers';
import { useCrmApp } from './use-crm-app';

describe('POST /admin/api/accountmerges', () => {
  const crm = useCrmApp();
  const { post, ref, sql } = crm;
  const merge = (accounts: string[], master: string, fields: object = {}, token?: string) =>
    api(crm.state.t, token ?? crm.state.admin, 'POST', '/admin/api/accountmerges', {
      data: {
        type: 'accountmerges',
        attributes: { fields },
        relationships: { master: ref('accounts', master), accounts: { data: accounts.map((id) => ({ type: 'accounts', id })) } },
      },
    });
  const account = async (name: string, attributes: object = {}, relationships: object = {}) =>
    (await post('accounts', { name, ...attributes }, relationships)).json.data.id as string;

  it('validates the selection with Oro’s messages', async () => {
    const a = await account('A');
    const b = await account('B');
    const c = await account('C');
    const detail = async (response: Promise<{ json: { errors: Array<{ detail: string }> } }>) => (await response).json.errors[0].detail;
    expect(await detail(merge([a], a))).toBe('You need minimum 2 entities to merge.');
    const many = await Promise.all(['D', 'E', 'F', 'G'].map((n) => account(n)));
    expect(await detail(merge([a, b, c, ...many], a))).toBe('You can merge only 5 entities at once.');
    expect(await detail(merge([a, b, a], a))).toBe('Merge entities should be unique.');
    expect(await detail(merge([a, b], c))).toBe('The master account must be one of the merged accounts.');
    expect((await merge([a, b], a, { color: b })).json.errors[0].source.pointer).toBe('/data/attributes/fields');
    expect(await sql(`SELECT count(*)::int AS n FROM crm.account WHERE id = ANY($1::bigint[])`, [[a, b, c]])).toEqual([{ n: 3 }]);
  });

  it('takes the chosen fields, unites contacts and moves everything to the master, in one transaction', async () => {
    const c1 = (await post('contacts', { firstName: 'One' })).json.data.id;
    const c2 = (await post('contacts', { firstName: 'Two' })).json.data.id;
    const master = await account('Master Inc', { extend_description: 'kept' }, { contacts: { data: [{ type: 'contacts', id: c1 }] } });
    const other = await account('Better Name Ltd', { externalId: 'ERP-77' }, { contacts: { data: [{ type: 'contacts', id: c2 }] } });
    const referrer = await account('Refers to other', {}, { referredBy: ref('accounts', other) });
    const channel = (await post('channels', { name: 'Sales', channelType: 'b2b' })).json.data.id;
    const buyer = (await post('b2bcustomers', { name: 'Buyer' }, { account: ref('accounts', other), channel: ref('channels', channel) })).json.data.id;
    const deal = (await post('opportunities', { name: 'Deal', closeRevenueValue: '25' }, { account: ref('accounts', other), status: { data: { type: 'opportunitystatuses', id: 'won' } } })).json.data.id;
    await crm.state.t.drain();

    const merged = await merge([master, other], master, { name: other, externalId: other });
    expect(merged.status).toBe(201);
    expect(merged.json.data.relationships.master.data).toEqual({ type: 'accounts', id: master });
    const kept = (await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/accounts/${master}`)).json.data;
    expect(kept.attributes).toMatchObject({ name: 'Better Name Ltd', externalId: 'ERP-77', extend_description: 'kept' });
    expect(kept.relationships.contacts.data.map((c: { id: string }) => c.id).sort()).toEqual([c1, c2].sort());
    expect((await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/accounts/${other}`)).status).toBe(404);
    expect((await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/accounts/${referrer}`)).json.data.relationships.referredBy.data).toEqual({ type: 'accounts', id: master });
    expect((await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/b2bcustomers/${buyer}`)).json.data.relationships.account.data.id).toBe(master);
    expect((await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/opportunities/${deal}`)).json.data.relationships.account.data.id).toBe(master);

    await crm.state.t.drain();
    expect(kept.attributes.lifetimeValue).toBe('25.0000');
    const [event] = await sql(`SELECT payload FROM platform.outbox WHERE topic = 'crm.accounts.merged'`);
    expect(event.payload).toEqual({ organizationId: crm.state.ids.orgA, masterAccountId: master, mergedAccountIds: [other] });
  });

  it('needs the right to edit and delete every merged account', async () => {
    const rep = await login(crm.state.t, 'rep@acme.test');
    const mine = (await post('accounts', { name: 'Rep one' }, {}, rep)).json.data.id;
    const theirs = await account('Not the rep’s');
    const refused = await merge([mine, theirs], mine, {}, rep);
    // The rep cannot even see the other account.
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0]).toMatchObject({ title: 'form constraint', detail: 'The entity does not exist.', source: { pointer: '/data/relationships/accounts/data' } });
    const mine2 = (await post('accounts', { name: 'Rep two' }, {}, rep)).json.data.id;
    expect((await merge([mine, mine2], mine, {}, rep)).status).toBe(201);
  });
});
