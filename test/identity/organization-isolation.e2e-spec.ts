import { RESOURCE_REGISTRY, ResourceRegistry, organizationColumnOf } from '../../libs/platform';
import { useApp } from '../harness/use-app';
import { api, login } from './auth-helpers';

/**
 * Target B2 across every resource of the product: an administrator of another organization can neither read, change,
 * delete nor link any record of Acme, whatever its type (decision 8).
 */
describe('organization isolation on every resource', () => {
  const { state, post, sql } = useApp(['crm', 'commerce']);
  const ref = (type: string, id: string) => ({ data: { type, id } });
  let beta: string;
  let account: string;

  beforeAll(async () => {
    // One record of (nearly) every type in Acme.
    account = (await post('accounts', { name: 'Acme account' })).json.data.id;
    const contact = (await post('contacts', { firstName: 'Ann', lastName: 'Acme' })).json.data.id;
    await post('contactgroups', { label: 'Acme group' });
    const channel = (await post('channels', { name: 'Acme sales', channelType: 'b2b', status: 'active' })).json.data.id;
    await post('b2bcustomers', { name: 'Acme buyer' }, { account: ref('accounts', account), channel: ref('channels', channel) });
    await post('leads', { name: 'Acme lead' }, { account: ref('accounts', account), contact: ref('contacts', contact) });
    await post('opportunities', { name: 'Acme deal', closeRevenueValue: '10' }, { account: ref('accounts', account), status: { data: { type: 'opportunitystatuses', id: 'won' } } });
    await post('currencyrates', { currency: 'EUR', rate: '1.1' });
    await post('paymentterms', { label: 'Net 30' });
    await post('customertaxcodes', { code: 'TAX-1' });
    await post('customergroups', { name: 'Wholesale' });
    const customer = (await post('customers', { name: 'Acme customer' })).json.data.id;
    const [{ id: buyer }] = await sql(`SELECT id::text FROM commerce.customer_user_role WHERE organization_id = $1 AND role = 'ROLE_FRONTEND_BUYER'`, [state.ids.orgA]);
    const user = (await post('customerusers', { email: 'ann@acme-customer.test', firstName: 'Ann', lastName: 'Lee' }, { customer: ref('customers', customer), roles: { data: [{ type: 'customeruserroles', id: buyer }] } })).json.data.id;
    const address = { street: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US', firstName: 'Ann', lastName: 'Lee' };
    await post('customeraddresses', address, { customer: ref('customers', customer) });
    await post('customeruseraddresses', address, { customerUser: ref('customerusers', user) });
    await post('orders', { identifier: 'SO-ACME', currency: 'USD', subtotal: '1', total: '1' }, { customer: ref('customers', customer) });
    await state.t.drain();
    beta = await login(state.t, 'admin@beta.test');
  });

  it('hides, protects and refuses to link every Acme record from Beta', async () => {
    const resources = state.t.get<ResourceRegistry>(RESOURCE_REGISTRY).all('admin').filter((r) => organizationColumnOf(r) !== null);
    const checked: string[] = [];
    for (const resource of resources) {
      const column = organizationColumnOf(resource)!;
      const [row] = await sql(`SELECT ${resource.idColumn ?? 'id'}::text AS id FROM ${resource.table} WHERE ${column} = $1 LIMIT 1`, [state.ids.orgA]);
      if (!row) continue;
      checked.push(resource.type);
      const url = `/admin/api/${resource.type}/${row.id}`;
      expect([resource.type, (await api(state.t, beta, 'GET', url)).status]).toEqual([resource.type, 404]);
      const list = await api(state.t, beta, 'GET', `/admin/api/${resource.type}?filter[id]=${row.id}`);
      expect([resource.type, list.json.data ?? []]).toEqual([resource.type, []]);
      const patched = await api(state.t, beta, 'PATCH', url, { data: { type: resource.type, id: row.id, attributes: {} } });
      expect([resource.type, [404, 405].includes(patched.status)]).toEqual([resource.type, true]);
      const deleted = await api(state.t, beta, 'DELETE', url);
      expect([resource.type, [404, 405].includes(deleted.status)]).toEqual([resource.type, true]);
      // Still there for its own organization.
      expect([resource.type, (await api(state.t, state.admin, 'GET', url)).status]).toEqual([resource.type, 200]);
    }
    // Linking an Acme record from Beta is refused like an unknown one.
    const linked = await api(state.t, beta, 'POST', '/admin/api/opportunities', {
      data: { type: 'opportunities', attributes: { name: 'Steal' }, relationships: { account: ref('accounts', account) } },
    });
    expect(linked.status).toBe(400);
    expect(checked).toEqual(expect.arrayContaining(['accounts', 'contacts', 'customers', 'customerusers', 'customeruserroles', 'customeraddresses', 'customeruseraddresses', 'orders', 'customergroups', 'opportunities', 'leads', 'b2bcustomers', 'channels', 'users', 'roles']));
  });
});
