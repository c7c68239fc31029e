import { api, login } from '../identity/auth-helpers';
import { useCrmApp } from './use-crm-app';

describe('GET /admin/api/opportunityforecast', () => {
  const crm = useCrmApp();
  const { post, ref } = crm;

  it('groups opportunities by owner and close month, in the base currency, scoped like opportunities', async () => {
    const account = (await post('accounts', { name: 'Forecast Co' })).json.data.id;
    const on = { account: ref('accounts', account) };
    await post('currencyrates', { currency: 'EUR', rate: '2' });
    await post('opportunities', { name: 'A', budgetAmountValue: '100', closeDate: '2026-03-10' }, { ...on, status: { data: { type: 'opportunitystatuses', id: 'negotiation' } } });
    await post('opportunities', { name: 'B', budgetAmountValue: '50', budgetAmountCurrency: 'EUR', closeDate: '2026-03-20' }, { ...on, status: { data: { type: 'opportunitystatuses', id: 'needs_analysis' } } });
    await post('opportunities', { name: 'C', closeRevenueValue: '70', closeDate: '2026-03-05' }, { ...on, status: { data: { type: 'opportunitystatuses', id: 'won' } } });
    await post('opportunities', { name: 'D', budgetAmountValue: '10', budgetAmountCurrency: 'JPY', closeDate: '2026-04-01' }, on);
    const rep = await login(crm.state.t, 'rep@acme.test');
    const repAccount = (await post('accounts', { name: 'Rep Co' }, {}, rep)).json.data.id;
    const created = await post('opportunities', { name: 'Rep deal', budgetAmountValue: '5', closeDate: '2026-03-01' }, { account: ref('accounts', repAccount) }, rep);
    expect(created.status).toBe(201);

    const response = await api(crm.state.t, crm.state.admin, 'GET', '/admin/api/opportunityforecast?filter[closeDate][gte]=2026-01-01');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.api+json');
    const admin = crm.state.ids.adminA;
    expect(response.json.data.map((r: { id: string; attributes: object }) => [r.id, r.attributes])).toEqual([
      [`${admin}:2026-03`, { month: '2026-03', openCount: 2, budget: '200.0000', weightedBudget: '100.0000', wonCount: 1, wonRevenue: '70.0000' }],
      [`${crm.state.ids.repA}:2026-03`, { month: '2026-03', openCount: 1, budget: '5.0000', weightedBudget: '0.0000', wonCount: 0, wonRevenue: '0.0000' }],
      [`${admin}:2026-04`, { month: '2026-04', openCount: 1, budget: '0.0000', weightedBudget: '0.0000', wonCount: 0, wonRevenue: '0.0000' }],
    ]);
    expect(response.json.meta).toEqual({ baseCurrency: 'USD', currenciesWithoutRate: ['JPY'] });

    const own = await api(crm.state.t, rep, 'GET', '/admin/api/opportunityforecast');
    expect(own.json.data.map((r: { id: string }) => r.id)).toEqual([`${crm.state.ids.repA}:2026-03`]);
    expect((await api(crm.state.t, crm.state.admin, 'GET', '/admin/api/opportunityforecast?filter[closeDate][gte]=soon')).status).toBe(400);
    // A day that does not exist is the client's mistake too, not a database error.
    expect((await api(crm.state.t, crm.state.admin, 'GET', '/admin/api/opportunityforecast?filter[closeDate][lte]=2026-02-30')).status).toBe(400);
    expect((await api(crm.state.t, null, 'GET', '/admin/api/opportunityforecast')).status).toBe(401);
  });
});
