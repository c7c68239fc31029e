import { useApp } from '../harness/use-app';
import { api, login } from '../identity/auth-helpers';

const body = (id: string, attributes: object) => ({ data: { type: 'settings', id, attributes } });

describe('organization settings (/admin/api/settings)', () => {
  const { state, get, post, sql } = useApp(['crm', 'commerce']);
  const patch = (id: string, attributes: object, token = state.admin) => api(state.t, token, 'PATCH', `/admin/api/settings/${id}`, body(id, attributes));

  it('lists every loaded section with its defaults', async () => {
    const { status, json } = await get('/admin/api/settings');
    expect(status).toBe(200);
    expect(json.data.map((s: { id: string }) => s.id).sort()).toEqual(['currency', 'customer', 'sales']);
    const section = (id: string) => json.data.find((s: { id: string }) => s.id === id);
    expect(section('currency')).toEqual({ type: 'settings', id: 'currency', attributes: { baseCurrency: 'USD' }, links: { self: '/admin/api/settings/currency' } });
    expect(section('customer').attributes).toEqual({
      registrationAllowed: true,
      confirmationRequired: true,
      companyNameFieldEnabled: true,
      caseInsensitiveEmailAddressesEnabled: true,
      emailEnumerationProtectionEnabled: true,
      autoLoginAfterRegistration: false,
      defaultCustomerOwner: null,
    });
    expect(section('sales').attributes.defaultOpportunityProbabilities).toMatchObject({ in_progress: 0, negotiation: 0.8, won: 1 });
  });

  it('changes the sent fields only, per organization', async () => {
    expect((await patch('customer', { registrationAllowed: false })).json.data.attributes).toMatchObject({ registrationAllowed: false, confirmationRequired: true });
    expect((await patch('customer', { confirmationRequired: false })).json.data.attributes).toMatchObject({ registrationAllowed: false, confirmationRequired: false });
    const beta = await login(state.t, 'admin@beta.test');
    expect((await get('/admin/api/settings/customer', beta)).json.data.attributes.registrationAllowed).toBe(true);
    // Each change is announced with the values before and after (a value sent unchanged is not a change).
    await patch('customer', { confirmationRequired: false, autoLoginAfterRegistration: true });
    const events = await sql(`SELECT payload FROM platform.outbox WHERE topic = 'platform.settings.changed' ORDER BY seq`);
    expect(events.map((e: { payload: object }) => e.payload).slice(-1)).toEqual([
      { organizationId: state.ids.orgA, section: 'customer', before: { autoLoginAfterRegistration: false }, after: { autoLoginAfterRegistration: true } },
    ]);
  });

  it('answers bad input with JSON:API errors and pointers', async () => {
    const wrongValue = await patch('currency', { baseCurrency: 'euro' });
    expect(wrongValue.status).toBe(400);
    expect(wrongValue.json.errors[0]).toMatchObject({ title: 'form constraint', source: { pointer: '/data/attributes/baseCurrency' } });
    const extra = await patch('currency', { rate: 2 });
    expect(extra.json.errors[0]).toMatchObject({ status: '400', title: 'extra fields constraint', source: { pointer: '/data/attributes/rate' } });
    const partialMap = await patch('sales', { defaultOpportunityProbabilities: { won: 0.9 } });
    expect(partialMap.status).toBe(400);
    expect(partialMap.json.errors[0].source.pointer).toBe('/data/attributes/defaultOpportunityProbabilities');
    const wrongId = await api(state.t, state.admin, 'PATCH', '/admin/api/settings/sales', body('currency', {}));
    expect(wrongId.status).toBe(409);
    expect((await get('/admin/api/settings/nothing')).status).toBe(404);
    const post = await api(state.t, state.admin, 'POST', '/admin/api/settings/currency', body('currency', {}));
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('OPTIONS, GET, PATCH');
    expect((await get('/admin/api/settings/currency')).json.data.attributes.baseCurrency).toBe('USD');
  });

  it('lets a sales rep read but not change settings', async () => {
    const rep = await login(state.t, 'rep@acme.test');
    expect((await get('/admin/api/settings/currency', rep)).status).toBe(200);
    expect((await patch('currency', { baseCurrency: 'EUR' }, rep)).status).toBe(403);
  });

  it('refuses case-insensitive e-mails while e-mails differing only in case exist, and unknown owners', async () => {
    expect((await patch('customer', { caseInsensitiveEmailAddressesEnabled: false })).status).toBe(200);
    const [{ id: customer }] = await sql(`INSERT INTO commerce.customer (organization_id, name) VALUES ($1, 'Dup Co') RETURNING id`, [state.ids.orgA]);
    for (const email of ['Ann@dup.test', 'ann@dup.test']) {
      await sql(
        `INSERT INTO commerce.customer_user (organization_id, customer_id, email, email_lowercase, first_name, last_name) VALUES ($1, $2, $3::text, lower($3::text), 'Ann', 'Dup')`,
        [state.ids.orgA, customer, email],
      );
    }
    // Switched off, e-mails are compared exactly: a third case of the same address is another login.
    const user = (email: string) =>
      post('customerusers', { email, firstName: 'Ann', lastName: 'Dup', enabled: false }, { customer: { data: { type: 'customers', id: String(customer) } } });
    expect((await user('ANN@dup.test')).status).toBe(201);
    expect((await user('ann@dup.test')).json.errors[0].detail).toBe('This email is already used.');
    const refused = await patch('customer', { caseInsensitiveEmailAddressesEnabled: true, registrationAllowed: true });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].source.pointer).toBe('/data/attributes/caseInsensitiveEmailAddressesEnabled');
    // Nothing of a refused change is stored.
    expect((await get('/admin/api/settings/customer')).json.data.attributes).toMatchObject({ caseInsensitiveEmailAddressesEnabled: false, registrationAllowed: false });

    const owner = await patch('customer', { defaultCustomerOwner: state.ids.adminB });
    expect(owner.json.errors[0]).toMatchObject({ detail: 'The user does not exist in this organization.', source: { pointer: '/data/attributes/defaultCustomerOwner' } });
    expect((await patch('customer', { defaultCustomerOwner: state.ids.managerA })).json.data.attributes.defaultCustomerOwner).toBe(state.ids.managerA);
  });

  it('gives new opportunities the organization\'s default probabilities', async () => {
    const probabilities = { in_progress: 0.05, identification_alignment: 0.15, needs_analysis: 0.25, solution_development: 0.55, negotiation: 0.85, won: 1, lost: 0 };
    expect((await patch('sales', { defaultOpportunityProbabilities: probabilities })).status).toBe(200);
    const account = (await post('accounts', { name: 'Prob Co' })).json.data.id;
    const created = await post('opportunities', { name: 'Deal' }, { account: { data: { type: 'accounts', id: account } }, status: { data: { type: 'opportunitystatuses', id: 'negotiation' } } });
    expect(Number(created.json.data.attributes.probability)).toBe(0.85);
    const id = created.json.data.id;
    const moved = await api(state.t, state.admin, 'PATCH', `/admin/api/opportunities/${id}`, { data: { type: 'opportunities', id, relationships: { status: { data: { type: 'opportunitystatuses', id: 'solution_development' } } } } });
    expect(Number(moved.json.data.attributes.probability)).toBe(0.55);
  });

  it('converts into the organization\'s base currency', async () => {
    expect((await patch('currency', { baseCurrency: 'EUR' })).json.data.attributes.baseCurrency).toBe('EUR');
    const account = (await post('accounts', { name: 'Euro Co' })).json.data.id;
    const won = await post('opportunities', { name: 'Won in EUR', closeRevenueValue: '100.0000', closeRevenueCurrency: 'EUR' }, { account: { data: { type: 'accounts', id: account } }, status: { data: { type: 'opportunitystatuses', id: 'won' } } });
    expect(won.status).toBe(201);
    expect(won.json.data.attributes.baseCloseRevenueValue).toBe('100.0000');
    const noRate = await post('opportunities', { name: 'Won in USD', closeRevenueValue: '10', closeRevenueCurrency: 'USD' }, { account: { data: { type: 'accounts', id: account } }, status: { data: { type: 'opportunitystatuses', id: 'won' } } });
    expect(noRate.status).toBe(400);
    expect(noRate.json.errors[0].detail).toContain('to EUR');
  });
});
