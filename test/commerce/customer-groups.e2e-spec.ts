import { TransactionRunner, createOrganization } from '../../libs/platform/runtime';
import { api, login } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';

/** Customer groups (with the undeletable anonymous group), ratings, payment terms and tax codes. */
describe('Commerce customer groups and reference data', () => {
  const app = useApp(['commerce']);
  const { sql, get, post, patch, remove, ref } = app;
  const anonymousGroup = async (organizationId: string) =>
    (await sql(`SELECT id::text AS id, name FROM commerce.customer_group WHERE organization_id = $1 AND is_anonymous`, [organizationId]))[0];

  it('gives every organization one "Non-Authenticated Visitors" group, which cannot be deleted', async () => {
    expect((await anonymousGroup(app.state.ids.orgA)).name).toBe('Non-Authenticated Visitors');
    const db = app.state.t.get(TransactionRunner).manager;
    const gamma = await createOrganization(db, 'Gamma');
    expect(await anonymousGroup(gamma)).toBeUndefined();
    await app.state.t.drain();
    expect((await anonymousGroup(gamma)).name).toBe('Non-Authenticated Visitors');
    // A redelivered OrganizationCreated changes nothing.
    await sql(`UPDATE platform.outbox SET dispatched_at = NULL WHERE topic = 'platform.organization.created' AND payload->>'organizationId' = $1`, [gamma]);
    await sql(`DELETE FROM platform.inbox WHERE subscriber = 'commerce.anonymous-customer-group'`);
    await app.state.t.drain();
    expect((await sql(`SELECT count(*)::int AS n FROM commerce.customer_group WHERE organization_id = $1`, [gamma]))[0].n).toBe(1);

    const anonymous = await anonymousGroup(app.state.ids.orgA);
    const refused = await remove('customergroups', anonymous.id);
    expect(refused.status).toBe(409);
    expect(refused.json.errors[0]).toMatchObject({ status: '409', title: 'conflict constraint', detail: expect.stringContaining('"Non-Authenticated Visitors" cannot be deleted') });
    expect((await api(app.state.t, app.state.admin, 'DELETE', `/admin/api/customergroups?filter[id]=${anonymous.id}`)).status).toBe(409);
    expect(await anonymousGroup(app.state.ids.orgA)).toBeDefined();
  });

  it('appends and removes customers like the group form, and deleting a group leaves its customers without a group', async () => {
    const term = await post('paymentterms', { label: 'Net 60' });
    const code = await post('customertaxcodes', { code: 'GROUP_TAX' });
    const group = await post('customergroups', { name: 'Partners' }, { paymentTerm: ref('paymentterms', term.json.data.id), taxCode: ref('customertaxcodes', code.json.data.id) });
    expect(group.status).toBe(201);
    expect(group.json.data.relationships.owner.data).toEqual({ type: 'users', id: app.state.ids.adminA });
    expect(group.json.data.relationships.paymentTerm.data).toEqual({ type: 'paymentterms', id: term.json.data.id });
    const groupId = group.json.data.id;
    const [a, b] = [(await post('customers', { name: 'Member A' })).json.data.id, (await post('customers', { name: 'Member B' })).json.data.id];

    const route = `/admin/api/customergroups/${groupId}/relationships/customers`;
    expect((await api(app.state.t, app.state.admin, 'POST', route, { data: [{ type: 'customers', id: a }, { type: 'customers', id: b }] })).status).toBe(204);
    expect((await get(`/admin/api/customers?filter[group]=${groupId}`)).json.data).toHaveLength(2);
    expect((await api(app.state.t, app.state.admin, 'DELETE', route, { data: [{ type: 'customers', id: a }] })).status).toBe(204);
    expect((await get(`/admin/api/customers/${a}`)).json.data.relationships.group.data).toBeNull();
    expect((await get(`/admin/api/customergroups/${groupId}`)).json.data.relationships.customers.data).toEqual([{ type: 'customers', id: b }]);

    expect((await patch('customergroups', groupId, { name: 'Partners 2' })).status).toBe(200);
    expect((await post('customergroups', { name: '' })).status).toBe(400);
    expect((await remove('customergroups', groupId)).status).toBe(204);
    expect((await get(`/admin/api/customers/${b}`)).json.data.relationships.group.data).toBeNull();
  });

  it('lists the fixed customer ratings read-only, for every organization', async () => {
    const list = await get('/admin/api/customerratings?sort=priority');
    expect(list.json.data.map((r: { id: string; attributes: object }) => [r.id, r.attributes])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [`${n}_of_5`, { name: `${n} of 5`, priority: n, default: false }]),
    );
    const beta = await login(app.state.t, 'admin@beta.test');
    expect((await get('/admin/api/customerratings/2_of_5', beta)).json.data.attributes.name).toBe('2 of 5');
    expect((await get('/admin/api/customerratings/9_of_5')).status).toBe(404);
    expect((await post('customerratings', { name: '6 of 5', priority: 6 })).status).toBe(405);
    expect((await remove('customerratings', '1_of_5')).status).toBe(405);
  });

  it('keeps payment term labels and tax codes unique per organization, and deleting one clears it from customers', async () => {
    const term = await post('paymentterms', { label: 'Net 10' });
    expect(term.status).toBe(201);
    expect((await post('paymentterms', { label: 'Net 10' })).json.errors[0]).toMatchObject({ status: '400', title: 'unique entity constraint', source: { pointer: '/data/attributes/label' } });
    expect((await post('paymentterms', {})).json.errors[0]).toMatchObject({ title: 'not blank constraint', source: { pointer: '/data/attributes/label' } });
    const beta = await login(app.state.t, 'admin@beta.test');
    expect((await post('paymentterms', { label: 'Net 10' }, {}, beta)).status).toBe(201);
    expect((await get(`/admin/api/paymentterms/${term.json.data.id}`, beta)).status).toBe(404);

    const code = await post('customertaxcodes', { code: 'EXEMPT', description: 'Tax exempt' });
    expect(code.json.data.attributes).toMatchObject({ code: 'EXEMPT', description: 'Tax exempt' });
    expect((await post('customertaxcodes', { code: 'EXEMPT' })).json.errors[0]).toMatchObject({ status: '400', title: 'unique entity constraint', source: { pointer: '/data/attributes/code' } });
    expect((await post('customertaxcodes', { code: 'EXEMPT' }, {}, beta)).status).toBe(201);
    expect((await patch('customertaxcodes', code.json.data.id, { description: 'No tax' })).json.data.attributes.description).toBe('No tax');

    const buyer = await post('customers', { name: 'Term holder' }, { paymentTerm: ref('paymentterms', term.json.data.id), taxCode: ref('customertaxcodes', code.json.data.id) });
    expect((await remove('paymentterms', term.json.data.id)).status).toBe(204);
    expect((await remove('customertaxcodes', code.json.data.id)).status).toBe(204);
    const after = (await get(`/admin/api/customers/${buyer.json.data.id}`)).json.data.relationships;
    expect([after.paymentTerm.data, after.taxCode.data]).toEqual([null, null]);
  });
});
