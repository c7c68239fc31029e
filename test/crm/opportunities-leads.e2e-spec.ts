import { api } from '../identity/auth-helpers';
import { useCrmApp } from './use-crm-app';

describe('opportunities and leads', () => {
  const crm = useCrmApp();
  const { post, patch, ref, sql } = crm;
  let account: string;
  let b2bCustomer: string;

  beforeAll(async () => {
    account = (await post('accounts', { name: 'Deal Co' })).json.data.id;
    const channel = (await post('channels', { name: 'Sales', channelType: 'b2b' })).json.data.id;
    b2bCustomer = (await post('b2bcustomers', { name: 'Deal buyer' }, { account: ref('accounts', account), channel: ref('channels', channel) })).json.data.id;
    await post('currencyrates', { currency: 'EUR', rate: '1.1' });
  });

  it('needs a name and an account or business customer; takes the default probability of its status', async () => {
    const blank = await post('opportunities', { name: 'No customer' });
    expect(blank.status).toBe(400);
    expect(blank.json.errors[0].source.pointer).toBe('/data/relationships/account/data');
    const created = await post('opportunities', { name: 'Big deal', status: 'needs_analysis' }, { account: ref('accounts', account) });
    expect(created.status).toBe(201);
    expect(created.json.data.attributes).toMatchObject({ status: 'needs_analysis', probability: '20.00', closedAt: null });
    expect(created.json.data.relationships.account.data).toEqual({ type: 'accounts', id: account });
    expect(created.json.data.relationships.b2bCustomer.data).toBeNull();
    const onB2b = await post('opportunities', { name: 'B2B deal' }, { b2bCustomer: ref('b2bcustomers', b2bCustomer) });
    expect(onB2b.json.data.relationships).toMatchObject({ account: { data: { type: 'accounts', id: account } }, b2bCustomer: { data: { type: 'b2bcustomers', id: b2bCustomer } } });
    expect(onB2b.json.data.attributes).toMatchObject({ status: 'in_progress', probability: '0.00' });
    expect((await post('opportunities', { name: 'Bad', probability: 120 }, { account: ref('accounts', account) })).status).toBe(400);
  });

  it('follows the status with the probability unless it was set by hand', async () => {
    const id = (await post('opportunities', { name: 'Follows', status: 'identification_alignment' }, { account: ref('accounts', account) })).json.data.id;
    expect((await patch('opportunities', id, { status: 'negotiation' })).json.data.attributes.probability).toBe('80.00');
    expect((await patch('opportunities', id, { probability: 65 })).json.data.attributes.probability).toBe('65.00');
    expect((await patch('opportunities', id, { status: 'solution_development' })).json.data.attributes.probability).toBe('65.00');
  });

  it('keeps closedAt and base-currency amounts while closed, converting with the organization’s rates', async () => {
    const id = (
      await post('opportunities', { name: 'Closing', budgetAmount: '1000', budgetCurrency: 'EUR', closeRevenue: '500' }, { account: ref('accounts', account) })
    ).json.data.id;
    const won = await patch('opportunities', id, { status: 'won' });
    expect(won.json.data.attributes).toMatchObject({
      probability: '100.00',
      closeRevenueCurrency: 'USD',
      baseBudgetAmount: '1100.0000',
      baseCloseRevenue: '500.0000',
    });
    expect(won.json.data.attributes.closedAt).toMatch(/Z$/);
    const reopened = await patch('opportunities', id, { status: 'negotiation' });
    expect(reopened.json.data.attributes).toMatchObject({ closedAt: null, baseBudgetAmount: null, baseCloseRevenue: null, probability: '80.00' });
    const noRate = await patch('opportunities', id, { status: 'lost', budgetCurrency: 'GBP' });
    expect(noRate.status).toBe(400);
    expect(noRate.json.errors[0].source.pointer).toBe('/data/attributes/budgetCurrency');
  });

  it('converts a lead: the opportunity takes its customer and contact, and the lead becomes qualified; disqualify by status', async () => {
    const contact = (await post('contacts', { firstName: 'Lee' })).json.data.id;
    const lead = await post('leads', { name: 'Warm lead', website: 'https://lead.test', emails: [{ email: 'lee@lead.test', primary: true }] }, {
      account: ref('accounts', account),
      contact: ref('contacts', contact),
    });
    expect(lead.status).toBe(201);
    expect(lead.json.data.attributes).toMatchObject({ status: 'new', primaryEmail: 'lee@lead.test' });
    const converted = await post('opportunities', { name: 'From lead' }, { lead: ref('leads', lead.json.data.id) });
    expect(converted.status).toBe(201);
    expect(converted.json.data.relationships).toMatchObject({ account: { data: { id: account } }, contact: { data: { id: contact } } });
    expect((await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/leads/${lead.json.data.id}`)).json.data.attributes.status).toBe('qualified');

    const other = (await post('leads', { name: 'Cold lead' })).json.data.id;
    expect((await patch('leads', other, { status: 'canceled' })).json.data.attributes.status).toBe('canceled');
    expect((await post('leads', { name: 'Bad site', website: 'ftp://x' })).json.errors[0].source.pointer).toBe('/data/attributes/website');
  });

  it('goes with its account: deleting the account deletes its opportunities and leads', async () => {
    const doomed = (await post('accounts', { name: 'Doomed' })).json.data.id;
    const opportunity = (await post('opportunities', { name: 'Doomed deal' }, { account: ref('accounts', doomed) })).json.data.id;
    expect((await api(crm.state.t, crm.state.admin, 'DELETE', `/admin/api/accounts/${doomed}`)).status).toBe(204);
    expect(await sql(`SELECT count(*)::int AS n FROM crm.opportunity WHERE id = $1`, [opportunity])).toEqual([{ n: 0 }]);
  });
});
