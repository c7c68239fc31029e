import { login } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';
import { orderFixtures } from './orders-fixtures';

describe('orders', () => {
  const app = useApp(['commerce']);
  const { post, patch, get, remove, ref, sql } = app;
  const fixtures = orderFixtures(app);
  let orgA: string;
  let acme: string;
  let globex: string;
  let ann: string;
  let bob: string;

  beforeAll(async () => {
    orgA = app.state.ids.orgA;
    acme = await fixtures.customer('Acme Retail');
    globex = await fixtures.customer('Globex');
    ann = await fixtures.customerUser(acme, 'ann@acme-retail.test');
    bob = await fixtures.customerUser(globex, 'bob@globex.test');
    await post('currencyrates', { currency: 'EUR', rate: '1.1' });
  });

  const order = (identifier: string, extra: object = {}) => ({ identifier, currency: 'USD', subtotal: '100', total: '110', ...extra });
  const of = (customer: string, customerUser?: string | null) => ({
    customer: ref('customers', customer),
    ...(customerUser !== undefined ? { customerUser: customerUser === null ? { data: null } : ref('customerusers', customerUser) } : {}),
  });
  const errors = (response: { json: { errors: Array<{ status: string; detail: string; source?: object }> } }) =>
    response.json.errors.map((e) => ({ status: e.status, detail: e.detail, source: e.source }));

  it('creates an order with its defaults and exact amounts; an unpaid one asks for no recomputation', async () => {
    const created = await post('orders', order('SO-1', { subtotal: '1500.5', total: 1600 }), of(acme, ann));
    expect(created.status).toBe(201);
    const { attributes, relationships } = created.json.data;
    expect(attributes).toMatchObject({
      identifier: 'SO-1',
      currency: 'USD',
      subtotal: '1500.5000',
      total: '1600.0000',
      baseSubtotal: null,
      internalStatus: 'open',
      paymentStatus: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(relationships.customer.data).toEqual({ type: 'customers', id: acme });
    expect(relationships.customerUser.data).toEqual({ type: 'customerusers', id: ann });
    expect(relationships.owner.data).toEqual({ type: 'users', id: app.state.ids.adminA });
    expect(relationships.organization.data).toEqual({ type: 'organizations', id: orgA });
    // Orders publish no event of their own (nothing outside Commerce reacts to single orders).
    expect(await sql(`SELECT count(*)::int AS n FROM platform.outbox WHERE topic LIKE 'commerce.order.%'`)).toEqual([{ n: 0 }]);
    expect(await sql(`SELECT customer_id::text AS id FROM commerce.lifetime_pending WHERE customer_id = $1`, [acme])).toEqual([]);
  });

  it('refuses bad input with 400 and a pointer, writing nothing', async () => {
    const before = await sql(`SELECT count(*)::int AS n FROM commerce.order`);
    const missing = await post('orders', {}, {});
    expect(missing.status).toBe(400);
    expect(missing.json.errors.map((e: { source: { pointer: string } }) => e.source.pointer).sort()).toEqual(
      ['/data/attributes/currency', '/data/attributes/identifier', '/data/attributes/subtotal', '/data/attributes/total', '/data/relationships/customer/data'].sort(),
    );
    const cases: Array<[object, string]> = [
      [order('SO-bad', { subtotal: '-1' }), '/data/attributes/subtotal'],
      [order('SO-bad', { total: '-0.01' }), '/data/attributes/total'],
      [order('SO-bad', { subtotal: '1.23456' }), '/data/attributes/subtotal'],
      [order('SO-bad', { currency: 'usd' }), '/data/attributes/currency'],
      [order('SO-bad', { currency: 'EURO' }), '/data/attributes/currency'],
      [order('x'.repeat(256)), '/data/attributes/identifier'],
      [order('SO-bad', { internalStatus: 'shipped' }), '/data/attributes/internalStatus'],
      [order('SO-bad', { paymentStatus: 'paid' }), '/data/attributes/paymentStatus'],
      [order('SO-bad', { baseSubtotal: 'lots', lifetime: '5' }), '/data/attributes/lifetime'],
    ];
    for (const [attributes, pointer] of cases) {
      const response = await post('orders', attributes, of(acme));
      expect([response.status, response.json.errors[0].source]).toEqual([400, { pointer }]);
    }
    const unknownCustomer = await post('orders', order('SO-bad'), of('999999'));
    expect(errors(unknownCustomer)).toEqual([{ status: '400', detail: 'The entity does not exist.', source: { pointer: '/data/relationships/customer/data' } }]);
    expect(await sql(`SELECT count(*)::int AS n FROM commerce.order`)).toEqual(before);
  });

  it('keeps identifiers unique per organization (400 unique entity constraint), and apart between organizations', async () => {
    await post('orders', order('SO-DUP'), of(acme));
    const duplicate = await post('orders', order('SO-DUP'), of(globex));
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.errors[0].title).toBe('unique entity constraint');

    const beta = await login(app.state.t, 'admin@beta.test');
    const betaCustomer = await fixtures.customer('Beta Buyer', beta);
    expect((await post('orders', order('SO-DUP'), of(betaCustomer), beta)).status).toBe(201);
    // Another organization's customer does not exist for this caller.
    expect(errors(await post('orders', order('SO-B2'), of(acme), beta))[0].source).toEqual({ pointer: '/data/relationships/customer/data' });
    const acmeOrder = (await get(`/admin/api/orders?filter[identifier]=SO-DUP`)).json.data[0].id;
    expect((await get(`/admin/api/orders/${acmeOrder}`, beta)).status).toBe(404);
  });

  it('accepts only a customer user of the order’s customer', async () => {
    const wrongUser = await post('orders', order('SO-U1'), of(acme, bob));
    expect(errors(wrongUser)).toEqual([
      { status: '400', detail: 'The customer user does not belong to the customer.', source: { pointer: '/data/relationships/customerUser/data' } },
    ]);
    const id = (await post('orders', order('SO-U1'), of(acme, ann))).json.data.id;
    // Moving the order keeps its customer user, which must then belong to the new customer too.
    expect(errors(await patch('orders', id, {}, { customer: ref('customers', globex) }))[0].source).toEqual({ pointer: '/data/relationships/customerUser/data' });
    expect((await patch('orders', id, {}, { customerUser: ref('customerusers', bob) })).status).toBe(400);
    const moved = await patch('orders', id, {}, of(globex, bob));
    expect(moved.status).toBe(200);
    expect(moved.json.data.relationships.customer.data.id).toBe(globex);
    const cleared = await patch('orders', id, {}, { customerUser: { data: null } });
    expect(cleared.json.data.relationships.customerUser.data).toBeNull();
    expect((await patch('orders', id, { internalStatus: null })).json.errors[0].source).toEqual({ pointer: '/data/attributes/internalStatus' });
    expect((await patch('orders', id, {}, { customer: { data: null } })).json.errors[0].source).toEqual({ pointer: '/data/relationships/customer/data' });
  });

  it('converts the base subtotal when the order is paid in full, and again when its amount or currency change', async () => {
    const id = (await post('orders', order('SO-EUR', { currency: 'EUR', subtotal: '200' }), of(acme))).json.data.id;
    const paid = await patch('orders', id, { paymentStatus: 'full' });
    expect(paid.json.data.attributes).toMatchObject({ paymentStatus: 'full', baseSubtotal: '220.0000' });
    // A later rate does not touch what was converted...
    await sql(`UPDATE platform.currency_rate SET rate = 1.2 WHERE organization_id = $1 AND currency = 'EUR'`, [orgA]);
    expect((await patch('orders', id, { total: '999', subtotal: '200.00' })).json.data.attributes.baseSubtotal).toBe('220.0000');
    // ...until the subtotal or the currency change while paid.
    expect((await patch('orders', id, { subtotal: '100' })).json.data.attributes.baseSubtotal).toBe('120.0000');
    expect((await patch('orders', id, { currency: 'USD' })).json.data.attributes.baseSubtotal).toBe('100.0000');
    expect((await patch('orders', id, { paymentStatus: 'refunded' })).json.data.attributes.baseSubtotal).toBeNull();

    const noRate = await post('orders', order('SO-GBP', { currency: 'GBP', paymentStatus: 'full' }), of(acme));
    expect(errors(noRate)).toEqual([
      { status: '400', detail: 'No exchange rate from GBP to USD is defined (see currencyrates).', source: { pointer: '/data/attributes/currency' } },
    ]);
    expect(await sql(`SELECT id FROM commerce.order WHERE identifier = 'SO-GBP'`)).toEqual([]);
    const unpaid = (await post('orders', order('SO-GBP', { currency: 'GBP' }), of(acme))).json.data.id;
    expect((await patch('orders', unpaid, { paymentStatus: 'full' })).json.errors[0].source).toEqual({ pointer: '/data/attributes/currency' });
    expect((await get(`/admin/api/orders/${unpaid}`)).json.data.attributes.paymentStatus).toBeNull();
  });

  it('filters by customer, customer user, statuses and creation time', async () => {
    const customer = await fixtures.customer('Filtered');
    const user = await fixtures.customerUser(customer, 'f@filtered.test');
    await post('orders', order('F-1', { paymentStatus: 'full' }), of(customer, user));
    await post('orders', order('F-2', { internalStatus: 'cancelled', paymentStatus: 'pending' }), of(customer));
    await post('orders', order('F-3', { internalStatus: 'processing' }), of(customer));
    const identifiers = async (query: string) =>
      (await get(`/admin/api/orders?filter[customer]=${customer}&${query}`)).json.data.map((o: { attributes: { identifier: string } }) => o.attributes.identifier);
    expect(await identifiers('sort=identifier')).toEqual(['F-1', 'F-2', 'F-3']);
    expect(await identifiers(`filter[customerUser]=${user}`)).toEqual(['F-1']);
    expect(await identifiers('filter[internalStatus]=cancelled,processing&sort=-identifier')).toEqual(['F-3', 'F-2']);
    expect(await identifiers('filter[paymentStatus]=full')).toEqual(['F-1']);
    expect(await identifiers('filter[createdAt][gte]=2000-01-01T00:00:00Z&sort=identifier')).toEqual(['F-1', 'F-2', 'F-3']);
    expect(await identifiers('filter[createdAt][lt]=2000-01-01T00:00:00Z')).toEqual([]);
    expect((await get(`/admin/api/orders?filter[paymentStatus]=paid`)).status).toBe(400);
  });

  it('asks, in the same transaction, for the values of the customers a paid order touches to be recomputed', async () => {
    const pending = async () => (await sql(`SELECT customer_id::text AS id FROM commerce.lifetime_pending ORDER BY customer_id`)).map((r: { id: string }) => r.id);
    const requests = async () => (await sql(`SELECT count(*)::int AS n FROM platform.outbox WHERE topic = 'commerce.recompute-lifetime-sales-value'`))[0].n;
    await sql(`DELETE FROM commerce.lifetime_pending`);
    const id = (await post('orders', order('SO-EV', { subtotal: '10' }), of(acme))).json.data.id;
    const before = await requests();
    // Paid in full and moved: both customers wait for their recomputation, with one request for the batched job.
    await patch('orders', id, { subtotal: '20', paymentStatus: 'full', total: '25' }, of(globex));
    expect(await pending()).toEqual([acme, globex].sort((a, b) => Number(a) - Number(b)));
    expect(await requests()).toBe(before + 1);
    // Neither a field that no value depends on, nor an unpaid order's subtotal, asks for anything.
    await sql(`DELETE FROM commerce.lifetime_pending`);
    await patch('orders', id, { identifier: 'SO-EV-2' });
    const unpaid = (await post('orders', order('SO-EV-3'), of(acme))).json.data.id;
    await patch('orders', unpaid, { subtotal: '30' });
    expect(await pending()).toEqual([]);
    // Deleting the paid order does.
    expect((await remove('orders', id)).status).toBe(204);
    expect((await get(`/admin/api/orders/${id}`)).status).toBe(404);
    expect(await pending()).toEqual([globex]);
  });
});
