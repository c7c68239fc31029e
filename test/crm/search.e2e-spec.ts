import { api, login } from '../identity/auth-helpers';
import { useCrmApp } from './use-crm-app';

describe('GET /admin/api/search', () => {
  const crm = useCrmApp();
  const { post, ref } = crm;
  const search = async (query: string, token?: string) => api(crm.state.t, token ?? crm.state.admin, 'GET', `/admin/api/search?${query}`);

  beforeAll(async () => {
    const acme = (await post('accounts', { name: 'Acme Robotics' })).json.data.id;
    await post('accounts', { name: 'Robotics of Acme' });
    await post('accounts', { name: 'Unrelated' });
    await post('contacts', { firstName: 'Ada', lastName: 'Lovelace', emails: [{ email: 'ada@acme-robotics.test', primary: true }] });
    await post('contacts', { lastName: 'Phoneonly', phones: [{ phone: '+1 555 0199', primary: true }] });
    const channel = (await post('channels', { name: 'Sales', channelType: 'b2b' })).json.data.id;
    await post('b2bcustomers', { name: 'Acme Buyer' }, { account: ref('accounts', acme), channel: ref('channels', channel) });
  });

  it('finds accounts, contacts and business customers by name, e-mail or phone, names starting with the text first', async () => {
    const { status, json } = await search('q=acme');
    expect(status).toBe(200);
    const found = json.data.map((r: { type: string; meta: { title: string } }) => `${r.type}:${r.meta.title}`);
    expect(found.slice(0, 2).sort()).toEqual(['accounts:Acme Robotics', 'b2bcustomers:Acme Buyer']);
    expect(found).toEqual(expect.arrayContaining(['accounts:Robotics of Acme', 'contacts:Ada Lovelace']));
    expect(found).not.toContain('accounts:Unrelated');
    expect((await search('q=555 01')).json.data.map((r: { meta: { title: string } }) => r.meta.title)).toEqual(['Phoneonly']);
    expect((await search('q=acme&types=contacts')).json.data.map((r: { type: string }) => r.type)).toEqual(['contacts']);
    expect((await search('q=ACME&page[size]=1')).json.data).toHaveLength(1);
  });

  it('shows each caller only what it may see, and explains bad input', async () => {
    const other = await login(crm.state.t, 'admin@beta.test');
    expect((await search('q=acme', other)).json.data).toEqual([]);
    expect((await search('q=a')).status).toBe(400);
    expect((await search('q=acme&types=orders')).json.errors[0].detail).toContain('Unknown types: orders');
    expect((await search('q=%25%25')).json.data).toEqual([]);
  });
});
