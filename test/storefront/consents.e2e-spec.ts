import { TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, seedIdentities } from '../identity/auth-helpers';
import { STRONG_PASSWORD, register, setCustomerSettings, storefrontSignIn } from './storefront-helpers';

/** Consents (issue 12): kept in the back office, accepted at registration and later on the storefront. */
describe('consents', () => {
  let t: TestApp;
  let admin: string;
  const consents: Record<string, string> = {};
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);
  const person = (email: string, consentIds: string[]) => ({
    attributes: { email, password: STRONG_PASSWORD, firstName: 'Ann', lastName: 'Lee', companyName: 'Lee Trading' },
    relationships: { consents: { data: consentIds.map((id) => ({ type: 'consents', id })) } },
  });
  const registerWith = (email: string, consentIds: string[], relationships?: object) =>
    api(t, null, 'POST', '/api/registration', { data: { type: 'registration', ...person(email, consentIds), ...(relationships ? { relationships } : {}) } });

  beforeAll(async () => {
    t = await createTestApp({ modules: ['commerce'] });
    await seedIdentities(t);
    await t.drain();
    admin = await login(t, 'admin@acme.test');
    await setCustomerSettings(t, admin, { confirmationRequired: false });
    for (const [key, attributes] of [
      ['terms', { name: 'Terms of sale', content: 'You agree to pay.' }],
      ['newsletter', { name: 'Newsletter', mandatory: false, url: 'https://shop.example.com/newsletter' }],
      ['old', { name: 'Old terms', active: false, content: 'Gone.' }],
    ] as const) {
      const created = await api(t, admin, 'POST', '/admin/api/consents', { data: { type: 'consents', attributes } });
      expect(created.status).toBe(201);
      consents[key] = created.json.data.id;
    }
  });
  afterAll(() => t.close());

  it('keeps consents in the back office with Oro-style validation', async () => {
    const bad = await api(t, admin, 'POST', '/admin/api/consents', { data: { type: 'consents', attributes: { name: '', url: 'not a url' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { source: { pointer: string } }) => e.source.pointer).sort()).toEqual(['/data/attributes/name', '/data/attributes/url']);
    const listed = await api(t, admin, 'GET', '/admin/api/consents?filter[active]=true');
    expect(listed.json.data.map((c: { id: string }) => c.id).sort()).toEqual([consents.terms, consents.newsletter].sort());
  });

  it('requires every mandatory active consent at registration, and only active ones', async () => {
    const missing = await registerWith('missing@lee.test', [consents.newsletter]);
    expect(missing.json.errors[0]).toMatchObject({ status: '400', detail: 'The consent "Terms of sale" is mandatory: it must be accepted.', source: { pointer: '/data/relationships/consents/data' } });
    const inactive = await registerWith('inactive@lee.test', [consents.terms, consents.old]);
    expect(inactive.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/relationships/consents/data' } });
    const malformed = await registerWith('bad@lee.test', [], { consents: { data: [{ type: 'customers', id: consents.terms }] } });
    expect(malformed.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/relationships/consents/data' } });
    const other = await registerWith('other@lee.test', [], { friends: { data: [] } });
    expect(other.json.errors[0]).toMatchObject({ title: 'extra fields constraint', source: { pointer: '/data/relationships/friends' } });
    expect(await sql(`SELECT email FROM commerce.customer_user WHERE email LIKE '%@lee.test'`)).toEqual([]);
    expect((await register(t, person('plain@lee.test', []).attributes)).status).toBe(400); // no consents at all
  });

  it('records the accepted consents, which the back office sees on the customer user', async () => {
    expect((await registerWith('ann@lee.test', [consents.terms, consents.newsletter])).status).toBe(201);
    const [{ id }] = await sql(`SELECT id::text AS id FROM commerce.customer_user WHERE email = 'ann@lee.test'`);
    const accepted = await api(t, admin, 'GET', `/admin/api/customerusers/${id}/acceptedConsents`);
    expect(accepted.json.data.map((c: { id: string; attributes: { name: string } }) => c.attributes.name).sort()).toEqual(['Newsletter', 'Terms of sale']);
  });

  it('lets a customer user see the active consents, decline one and accept it again, keeping the history', async () => {
    const token = (await storefrontSignIn(t, 'ann@lee.test', STRONG_PASSWORD)).json.access_token;
    const listed = await api(t, token, 'GET', '/api/consents');
    expect(listed.json.data.map((c: { id: string }) => c.id).sort()).toEqual([consents.terms, consents.newsletter].sort());
    expect((await api(t, token, 'GET', `/api/consents/${consents.old}`)).status).toBe(404);

    const mine = await api(t, token, 'GET', '/api/consentacceptances?include=consent');
    expect(mine.json.data).toHaveLength(2);
    const newsletter = mine.json.data.find((a: { relationships: { consent: { data: { id: string } } } }) => a.relationships.consent.data.id === consents.newsletter);
    expect((await api(t, token, 'DELETE', `/api/consentacceptances/${newsletter.id}`)).status).toBe(204);
    const again = await api(t, token, 'POST', '/api/consentacceptances', { data: { type: 'consentacceptances', relationships: { consent: { data: { type: 'consents', id: consents.newsletter } } } } });
    expect(again.status).toBe(201);
    const twice = await api(t, token, 'POST', '/api/consentacceptances', { data: { type: 'consentacceptances', relationships: { consent: { data: { type: 'consents', id: consents.newsletter } } } } });
    expect(twice.status).toBe(409);
    const inactive = await api(t, token, 'POST', '/api/consentacceptances', { data: { type: 'consentacceptances', relationships: { consent: { data: { type: 'consents', id: consents.old } } } } });
    expect(inactive.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/relationships/consent/data' } });
    const history = await sql(
      `SELECT d.accepted FROM commerce.consent_decision d JOIN commerce.customer_user u ON u.id = d.customer_user_id WHERE u.email = 'ann@lee.test' AND d.consent_id = $1 ORDER BY d.id`,
      [consents.newsletter],
    );
    expect(history.map((h: { accepted: boolean }) => h.accepted)).toEqual([true, false, true]);
  });

  it("keeps each user's acceptances to itself", async () => {
    expect((await registerWith('bob@lee.test', [consents.terms])).status).toBe(201);
    const bob = (await storefrontSignIn(t, 'bob@lee.test', STRONG_PASSWORD)).json.access_token;
    const [ann] = await sql(`SELECT a.id::text AS id FROM commerce.consent_acceptance a JOIN commerce.customer_user u ON u.id = a.customer_user_id WHERE u.email = 'ann@lee.test' LIMIT 1`);
    expect((await api(t, bob, 'GET', `/api/consentacceptances/${ann.id}`)).status).toBe(404);
    expect((await api(t, bob, 'DELETE', `/api/consentacceptances/${ann.id}`)).status).toBe(404);
    expect((await api(t, bob, 'GET', '/api/consentacceptances')).json.data).toHaveLength(1);
  });
});
