import { useApp } from '../harness/use-app';

/** Domain §4.5: opportunities (and leads) for commerce customers, their account being the customer's. */
describe('opportunities and leads on commerce customers (their customer relationship)', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, patch, remove, ref, sql } = app;

  const customerWithAccount = async (name: string) => {
    const customer = (await post('customers', { name })).json.data;
    return { customer: customer.id as string, account: customer.relationships.account.data.id as string };
  };

  it("creates one from the customer alone, in the customer's account, and finds it by customer", async () => {
    const { customer, account } = await customerWithAccount('SkyNet Commerce');
    const created = await post('opportunities', { name: 'CommSkyNet deal' }, { customer: ref('customers', customer) });
    expect(created.status).toBe(201);
    expect(created.json.data.relationships.customer.data).toEqual({ type: 'customers', id: customer });
    expect(created.json.data.relationships.account.data).toEqual({ type: 'accounts', id: account });
    expect(created.json.data.attributes).toMatchObject({ probability: '0.0000' });
    expect(created.json.data.relationships.status.data).toEqual({ type: 'opportunitystatuses', id: 'in_progress' });
    const found = (await get(`/admin/api/opportunities?filter[customer]=${customer}`)).json.data;
    expect(found.map((o: { id: string }) => o.id)).toEqual([created.json.data.id]);
  });

  it("refuses a customer of another account (Oro's message), and takes one off back to the account by setting the account", async () => {
    const { customer } = await customerWithAccount('Other Co');
    const otherAccount = (await post('accounts', { name: 'Unrelated' })).json.data.id;
    const refused = await post('opportunities', { name: 'Mismatch' }, { customer: ref('customers', customer), account: ref('accounts', otherAccount) });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0]).toMatchObject({ title: 'form constraint', detail: 'The customer should be a part of the specified account.', source: { pointer: '/data/relationships/customer/data' } });
    expect(await sql(`SELECT count(*)::int AS n FROM crm.opportunity WHERE name = 'Mismatch'`)).toEqual([{ n: 0 }]);

    const deal = (await post('opportunities', { name: 'Detach me' }, { customer: ref('customers', customer) })).json.data;
    // As in Oro, the customer cannot be cleared alone; naming the account puts the record on the account itself.
    const cleared = await patch('opportunities', deal.id, {}, { customer: { data: null } });
    expect(cleared.json.errors[0]).toMatchObject({ status: '400', title: 'not null constraint', detail: 'This value should not be null.' });
    expect((await patch('opportunities', deal.id, {}, { account: deal.relationships.account })).status).toBe(200);
    const detached = (await get(`/admin/api/opportunities/${deal.id}`)).json.data.relationships;
    expect(detached.customer.data).toBeNull();
    expect(detached.account.data).toEqual(deal.relationships.account.data);
  });

  it("follows its customer to another account, and stays on the account when the customer is deleted", async () => {
    const { customer, account } = await customerWithAccount('Moving Co');
    const deal = (await post('opportunities', { name: 'Moving deal' }, { customer: ref('customers', customer) })).json.data.id;
    const destination = (await post('accounts', { name: 'New home' })).json.data.id;
    expect((await patch('customers', customer, {}, { account: ref('accounts', destination) })).status).toBe(200);
    expect((await get(`/admin/api/opportunities/${deal}`)).json.data.relationships.account.data).toEqual({ type: 'accounts', id: destination });

    expect((await remove('customers', customer)).status).toBe(204);
    await app.state.t.drain();
    const kept = (await get(`/admin/api/opportunities/${deal}`)).json.data.relationships;
    expect(kept.customer.data).toBeNull();
    expect(kept.account.data).toEqual({ type: 'accounts', id: destination });
    expect(account).not.toBe(destination);
  });

  it('takes a lead for a customer the same way, and converting it keeps the customer', async () => {
    const { customer, account } = await customerWithAccount('Lead Co');
    const lead = await post('leads', { name: 'Lead for Lead Co' }, { customer: ref('customers', customer) });
    expect(lead.status).toBe(201);
    expect(lead.json.data.relationships).toMatchObject({ customer: { data: { type: 'customers', id: customer } }, account: { data: { type: 'accounts', id: account } } });
    expect((await get(`/admin/api/leads?filter[customer]=${customer}`)).json.data).toHaveLength(1);
    // Converting the lead: the opportunity takes the lead's customer association, hence its customer.
    const converted = await post('opportunities', { name: 'From the lead' }, { lead: ref('leads', lead.json.data.id) });
    expect(converted.json.data.relationships.customer.data).toEqual({ type: 'customers', id: customer });
  });
});
