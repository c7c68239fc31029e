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

  it('needs a name and an account or a customer; takes the default probability of its status', async () => {
    const blank = await post('opportunities', { name: 'No customer' });
    expect(blank.status).toBe(400);
    expect(blank.json.errors[0]).toMatchObject({ title: 'form constraint', detail: 'Either an account or a customer should be set.' });
    const created = await post('opportunities', { name: 'Big deal' }, { account: ref('accounts', account), status: ref('opportunitystatuses', 'needs_analysis') });
    expect(created.status).toBe(201);
    expect(created.json.data.attributes).toMatchObject({ probability: '0.2000', closedAt: null });
    expect(created.json.data.relationships.status.data).toEqual({ type: 'opportunitystatuses', id: 'needs_analysis' });
    expect(created.json.data.relationships.account.data).toEqual({ type: 'accounts', id: account });
    expect(created.json.data.relationships.customer.data).toBeNull();
    const onB2b = await post('opportunities', { name: 'B2B deal' }, { customer: ref('b2bcustomers', b2bCustomer) });
    expect(onB2b.json.data.relationships).toMatchObject({ account: { data: { type: 'accounts', id: account } }, customer: { data: { type: 'b2bcustomers', id: b2bCustomer } } });
    expect(onB2b.json.data.relationships.status.data.id).toBe('in_progress');
    expect(onB2b.json.data.attributes).toMatchObject({ probability: '0.0000' });
    expect((await post('opportunities', { name: 'Bad', probability: 1.2 }, { account: ref('accounts', account) })).status).toBe(400);
  });

  it('follows the status with the probability unless it was set by hand', async () => {
    const status = (id: string) => ({ status: ref('opportunitystatuses', id) });
    const id = (await post('opportunities', { name: 'Follows' }, { account: ref('accounts', account), ...status('identification_alignment') })).json.data.id;
    expect((await patch('opportunities', id, {}, status('negotiation'))).json.data.attributes.probability).toBe('0.8000');
    expect((await patch('opportunities', id, { probability: 0.65 })).json.data.attributes.probability).toBe('0.6500');
    expect((await patch('opportunities', id, {}, status('solution_development'))).json.data.attributes.probability).toBe('0.6500');
  });

  it('keeps closedAt and base-currency amounts while closed, converting with the organization’s rates', async () => {
    const id = (
      await post('opportunities', { name: 'Closing', budgetAmountValue: '1000', budgetAmountCurrency: 'EUR', closeRevenueValue: '500' }, { account: ref('accounts', account) })
    ).json.data.id;
    const status = (id: string) => ({ status: ref('opportunitystatuses', id) });
    const won = await patch('opportunities', id, {}, status('won'));
    expect(won.json.data.attributes).toMatchObject({
      probability: '1.0000',
      closeRevenueCurrency: 'USD',
      baseBudgetAmountValue: '1100.0000',
      baseCloseRevenueValue: '500.0000',
    });
    expect(won.json.data.attributes.closedAt).toMatch(/Z$/);
    const reopened = await patch('opportunities', id, {}, status('negotiation'));
    expect(reopened.json.data.attributes).toMatchObject({ closedAt: null, baseBudgetAmountValue: null, baseCloseRevenueValue: null, probability: '0.8000' });
    const noRate = await patch('opportunities', id, { budgetAmountCurrency: 'GBP' }, status('lost'));
    expect(noRate.status).toBe(400);
    expect(noRate.json.errors[0].source.pointer).toBe('/data/attributes/budgetAmountCurrency');
  });

  it('converts a lead: the opportunity takes its customer and contact, and the lead becomes qualified; disqualify by status', async () => {
    const contact = (await post('contacts', { firstName: 'Lee' })).json.data.id;
    const lead = await post('leads', { name: 'Warm lead', website: 'https://lead.test', emails: [{ email: 'lee@lead.test', primary: true }] }, {
      account: ref('accounts', account),
      contact: ref('contacts', contact),
    });
    expect(lead.status).toBe(201);
    expect(lead.json.data.attributes).toMatchObject({ primaryEmail: 'lee@lead.test' });
    expect(lead.json.data.relationships.status.data).toEqual({ type: 'leadstatuses', id: 'new' });
    const converted = await post('opportunities', { name: 'From lead' }, { lead: ref('leads', lead.json.data.id) });
    expect(converted.status).toBe(201);
    expect(converted.json.data.relationships).toMatchObject({ account: { data: { id: account } }, contact: { data: { id: contact } } });
    expect((await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/leads/${lead.json.data.id}`)).json.data.relationships.status.data.id).toBe('qualified');

    const other = (await post('leads', { name: 'Cold lead' })).json.data.id;
    expect((await patch('leads', other, {}, { status: ref('leadstatuses', 'canceled') })).json.data.relationships.status.data.id).toBe('canceled');
    expect((await post('leads', { name: 'Bad site', website: 'ftp://x' })).json.errors[0].source.pointer).toBe('/data/attributes/website');
  });

  it('goes with its account: deleting the account deletes its opportunities and leads', async () => {
    const doomed = (await post('accounts', { name: 'Doomed' })).json.data.id;
    const opportunity = (await post('opportunities', { name: 'Doomed deal' }, { account: ref('accounts', doomed) })).json.data.id;
    expect((await api(crm.state.t, crm.state.admin, 'DELETE', `/admin/api/accounts/${doomed}`)).status).toBe(204);
    expect(await sql(`SELECT count(*)::int AS n FROM crm.opportunity WHERE id = $1`, [opportunity])).toEqual([{ n: 0 }]);
  });
});
