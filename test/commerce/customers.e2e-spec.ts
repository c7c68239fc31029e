import { QueryBus } from '@nestjs/cqrs';
import { GetCustomer, GetCustomerAncestors, GetCustomerRoot, GetCustomerSubtree, ListCustomers } from '../../libs/contracts/commerce';
import { api, login } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';

/** Commerce customers through the back-office API: fields, hierarchy rules, paths, deletion rules, events, queries. */
describe('Commerce customers', () => {
  const app = useApp(['commerce']);
  const { sql, get, post, patch, remove, ref } = app;
  const customer = async (name: string, relationships: object = {}) => {
    const response = await post('customers', { name }, relationships);
    expect(response.status).toBe(201);
    return response.json.data.id as string;
  };
  const pathOf = async (id: string) => (await sql(`SELECT path::text[] AS path FROM commerce.customer WHERE id = $1`, [id]))[0].path;
  const parentOf = async (id: string) => (await get(`/admin/api/customers/${id}`)).json.data.relationships.parent.data?.id ?? null;

  it('creates a customer owned by the caller, with its fields, relationships and read-only lifetime sales value', async () => {
    const term = await post('paymentterms', { label: 'Net 30' });
    const code = await post('customertaxcodes', { code: 'TAX_B2B', description: 'B2B customers' });
    const group = await post('customergroups', { name: 'Wholesale' });
    const created = await post(
      'customers',
      { name: 'Acme Retail', externalId: 'ERP-1', lifetimeSalesValue: '999.0000', createdAt: '2020-01-01T00:00:00Z' },
      {
        internal_rating: ref('customerratings', '4_of_5'),
        paymentTerm: ref('paymentterms', term.json.data.id),
        taxCode: ref('customertaxcodes', code.json.data.id),
        group: ref('customergroups', group.json.data.id),
        salesRepresentatives: { data: [{ type: 'users', id: app.state.ids.repA }] },
      },
    );
    expect(created.status).toBe(201);
    const { attributes, relationships } = created.json.data;
    expect(attributes).toMatchObject({ name: 'Acme Retail', externalId: 'ERP-1', lifetimeSalesValue: '0.0000' });
    expect(attributes).not.toHaveProperty('lifetime');
    expect(attributes.createdAt).not.toBe('2020-01-01T00:00:00Z');
    expect(relationships.owner.data).toEqual({ type: 'users', id: app.state.ids.adminA });
    expect(relationships.organization.data).toEqual({ type: 'organizations', id: app.state.ids.orgA });
    expect(relationships.internal_rating.data).toEqual({ type: 'customerratings', id: '4_of_5' });
    expect(relationships.salesRepresentatives.data).toEqual([{ type: 'users', id: app.state.ids.repA }]);
    expect(relationships.parent.data).toBeNull();
    expect(relationships.children.data).toEqual([]);
    expect(await pathOf(created.json.data.id)).toEqual([created.json.data.id]);

    const included = await get(`/admin/api/customers/${created.json.data.id}?include=internal_rating,group,paymentTerm`);
    expect(included.json.included.map((r: { type: string }) => r.type).sort()).toEqual(['customergroups', 'customerratings', 'paymentterms']);
    // The value written by the lifetime job is what the API shows.
    await sql(`UPDATE commerce.customer SET lifetime_sales_value = 1234.5 WHERE id = $1`, [created.json.data.id]);
    expect((await get(`/admin/api/customers/${created.json.data.id}`)).json.data.attributes.lifetimeSalesValue).toBe('1234.5000');
  });

  it('validates names, external ids and unknown fields', async () => {
    expect((await post('customers', { name: ' ' })).json.errors[0]).toMatchObject({ status: '400', title: 'not blank constraint', source: { pointer: '/data/attributes/name' } });
    expect((await post('customers', { name: 'x'.repeat(256) })).status).toBe(400);
    expect((await post('customers', { name: 'Long id', externalId: 'x'.repeat(37) })).status).toBe(400);
    const lifetime = await post('customers', { name: 'Oro field', lifetime: '10.0000' });
    expect(lifetime.status).toBe(400);
    expect(lifetime.json.errors[0]).toMatchObject({ title: 'extra fields constraint', source: { pointer: '/data/attributes/lifetime' } });
    await customer('Unique one', {});
    await patch('customers', (await post('customers', { name: 'External', externalId: 'EXT-9' })).json.data.id, {});
    const duplicate = await post('customers', { name: 'Other', externalId: 'EXT-9' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.errors[0]).toMatchObject({ title: 'unique entity constraint', source: { pointer: '/data/attributes/externalId' } });
    const byExternalIds = await get('/admin/api/customers?filter[externalId]=EXT-9,ERP-1,none');
    expect(byExternalIds.json.data.map((c: { attributes: { externalId: string } }) => c.attributes.externalId).sort()).toEqual(['ERP-1', 'EXT-9']);
    expect((await post('customers', { name: 'Bad rating' }, { internal_rating: ref('customerratings', '9_of_5') })).json.errors[0]).toMatchObject({
      status: '400',
      title: 'form constraint',
      detail: 'The entity does not exist.',
      source: { pointer: '/data/relationships/internal_rating/data' },
    });
    expect((await sql(`SELECT count(*)::int AS n FROM commerce.customer WHERE name IN ('Other', 'Bad rating', 'Oro field')`))[0].n).toBe(0);
  });

  it('filters and sorts', async () => {
    const root = await customer('Filter Root');
    await customer('Filter Child B', { parent: ref('customers', root) });
    await customer('Filter Child A', { parent: ref('customers', root) });
    const children = await get(`/admin/api/customers?filter[parent]=${root}&sort=name`);
    expect(children.json.data.map((c: { attributes: { name: string } }) => c.attributes.name)).toEqual(['Filter Child A', 'Filter Child B']);
    expect((await get('/admin/api/customers?filter[name][contains]=filter child&sort=-name')).json.data[0].attributes.name).toBe('Filter Child B');
    expect((await get('/admin/api/customers?filter[createdAt][gte]=2000-01-01T00:00:00Z&page[size]=1')).json.data).toHaveLength(1);
    expect((await get('/admin/api/customers?filter[lifetime]=1')).status).toBe(400);
  });

  it('finds names containing a term in id order, whether the term matches a few customers or more than the name index part takes', async () => {
    const ids = [await customer('Needle one'), await customer('needle two'), await customer('NEEDLE three')];
    const found = async (query: string) => (await get(`/admin/api/customers?${query}`)).json.data.map((c: { id: string }) => c.id);
    expect(await found('filter[name][contains]=eedl')).toEqual(ids);
    expect(await found('filter[name][contains]=eedl&sort=-id&page[size]=2')).toEqual([ids[2], ids[1]]);
    expect(await found('filter[name][contains]=eedl&page[size]=2&page[number]=2')).toEqual([ids[2]]);
    // A broad term: more matches than the index part takes (500), so the page comes from the ordinary plan.
    const [{ organization }] = await sql(`SELECT organization_id::text AS organization FROM commerce.customer WHERE id = $1`, [ids[0]]);
    await sql(`INSERT INTO commerce.customer (organization_id, name) SELECT $1, 'Haystack ' || n FROM generate_series(1, 600) n`, [organization]);
    const [{ first }] = await sql(`SELECT array_agg(id::text ORDER BY id) AS first FROM (SELECT id FROM commerce.customer WHERE name LIKE 'Haystack %' ORDER BY id LIMIT 3) x`);
    expect(await found('filter[name][contains]=haystack&page[size]=3')).toEqual(first);
    expect(await found('filter[name][contains]=haystack 59&page[size]=20')).toHaveLength(11);
  });

  describe('hierarchy', () => {
    it('keeps the paths of a moved subtree and refuses the three kinds of circular references', async () => {
      const a = await customer('A');
      const b = await customer('B', { parent: ref('customers', a) });
      const c = await customer('C', { parent: ref('customers', b) });
      const d = await customer('D', { parent: ref('customers', c) });
      expect(await pathOf(d)).toEqual([a, b, c, d]);

      const self = await patch('customers', b, {}, { parent: ref('customers', b) });
      expect(self.status).toBe(400);
      expect(self.json.errors[0]).toMatchObject({ detail: "Circular reference detected. 'B' cannot be its own parent.", source: { pointer: '/data/relationships/parent/data' } });
      const descendant = await patch('customers', b, {}, { parent: ref('customers', d) });
      expect(descendant.status).toBe(400);
      expect(descendant.json.errors[0]).toMatchObject({
        detail: "Circular reference detected. 'D' cannot be a parent of 'B' because it is its child.",
        source: { pointer: '/data/relationships/parent/data' },
      });
      const ancestorAsChild = await patch('customers', c, {}, { children: { data: [{ type: 'customers', id: a }] } });
      expect(ancestorAsChild.status).toBe(400);
      expect(ancestorAsChild.json.errors[0]).toMatchObject({
        detail: "Circular reference detected. 'A' cannot be a child of 'C' because it is its parent.",
        source: { pointer: '/data/relationships/children/data' },
      });
      // The chosen parent given as a child in the same request.
      const e = await customer('E');
      const both = await patch('customers', c, {}, { parent: ref('customers', e), children: { data: [{ type: 'customers', id: e }] } });
      expect(both.json.errors[0].detail).toBe("Circular reference detected. 'E' cannot be a child of 'C' because it is its parent.");
      // On create too: the new customer under E cannot take E as a child.
      expect((await post('customers', { name: 'F' }, { parent: ref('customers', e), children: { data: [{ type: 'customers', id: e }] } })).status).toBe(400);
      expect(await pathOf(d)).toEqual([a, b, c, d]);

      // Move C (with D) under E: the whole subtree follows.
      expect((await patch('customers', c, {}, { parent: ref('customers', e) })).status).toBe(200);
      expect(await pathOf(c)).toEqual([e, c]);
      expect(await pathOf(d)).toEqual([e, c, d]);
      // Make C a root through the relationship route.
      expect((await api(app.state.t, app.state.admin, 'PATCH', `/admin/api/customers/${c}/relationships/parent`, { data: null })).status).toBe(204);
      expect(await pathOf(d)).toEqual([c, d]);
    });

    it('re-parents through children (replace, add, remove) and publishes CustomerUpdated for every moved customer', async () => {
      const top = await customer('Top');
      const x = await customer('X');
      const y = await customer('Y', { parent: ref('customers', x) });
      const z = await customer('Z');
      const w = await customer('W', { parent: ref('customers', top) });
      const before = Number((await sql(`SELECT coalesce(max(seq), 0) AS s FROM platform.outbox`))[0].s);

      expect((await patch('customers', top, { name: 'Top Co' }, { children: { data: [{ type: 'customers', id: x }, { type: 'customers', id: z }] } })).status).toBe(200);
      expect(await pathOf(y)).toEqual([top, x, y]);
      expect(await pathOf(z)).toEqual([top, z]);
      expect(await pathOf(w)).toEqual([w]);
      expect(await parentOf(w)).toBeNull();
      const events = await sql(`SELECT topic, payload FROM platform.outbox WHERE seq > $1 ORDER BY seq`, [before]);
      expect(events.map((e: { payload: object }) => e.payload)).toEqual([
        { customerId: top, organizationId: app.state.ids.orgA, oldParentId: null, newParentId: null, oldName: 'Top', newName: 'Top Co' },
        { customerId: w, organizationId: app.state.ids.orgA, oldParentId: top, newParentId: null, oldName: 'W', newName: 'W' },
        { customerId: x, organizationId: app.state.ids.orgA, oldParentId: null, newParentId: top, oldName: 'X', newName: 'X' },
        { customerId: z, organizationId: app.state.ids.orgA, oldParentId: null, newParentId: top, oldName: 'Z', newName: 'Z' },
      ]);
      expect(events.every((e: { topic: string }) => e.topic === 'commerce.customer.updated')).toBe(true);

      // Adding Y (a grandchild) moves it up; removing X makes X (and nothing else) a root.
      const route = `/admin/api/customers/${top}/relationships/children`;
      expect((await api(app.state.t, app.state.admin, 'POST', route, { data: [{ type: 'customers', id: y }] })).status).toBe(204);
      expect(await pathOf(y)).toEqual([top, y]);
      expect((await api(app.state.t, app.state.admin, 'DELETE', route, { data: [{ type: 'customers', id: x }] })).status).toBe(204);
      expect(await pathOf(x)).toEqual([x]);
      expect((await get(`/admin/api/customers/${top}/relationships/children`)).json.data.map((r: { id: string }) => r.id)).toEqual([z, y].sort((p, q) => Number(p) - Number(q)));
      expect((await api(app.state.t, app.state.admin, 'POST', route, { data: [{ type: 'customers', id: top }] })).status).toBe(400);
    });
  });

  describe('deletion', () => {
    it('refuses to delete a referenced customer with a 409 naming what references it, and deletes the others with their addresses', async () => {
      const parent = await customer('Referenced Parent');
      await customer('Kid 1', { parent: ref('customers', parent) });
      await customer('Kid 2', { parent: ref('customers', parent) });
      await sql(
        `INSERT INTO commerce.customer_user (organization_id, customer_id, email, email_lowercase, first_name, last_name)
         VALUES ($1, $2, 'buyer@example.com', 'buyer@example.com', 'Bo', 'Buyer')`,
        [app.state.ids.orgA, parent],
      );
      const refused = await remove('customers', parent);
      expect(refused.status).toBe(409);
      expect(refused.json.errors[0]).toMatchObject({
        status: '409',
        title: 'conflict constraint',
        detail: 'The customer "Referenced Parent" cannot be deleted: it has 2 child customers, 1 customer user.',
      });

      const lone = await customer('Lone');
      await sql(`INSERT INTO commerce.customer_address (organization_id, customer_id, city) VALUES ($1, $2, 'Berlin')`, [app.state.ids.orgA, lone]);
      // By filter: one referenced customer refuses the whole request.
      const byFilter = await api(app.state.t, app.state.admin, 'DELETE', `/admin/api/customers?filter[id]=${lone},${parent}`);
      expect(byFilter.status).toBe(409);
      expect((await get(`/admin/api/customers/${lone}`)).status).toBe(200);

      const before = Number((await sql(`SELECT coalesce(max(seq), 0) AS s FROM platform.outbox`))[0].s);
      expect((await remove('customers', lone)).status).toBe(204);
      expect((await sql(`SELECT count(*)::int AS n FROM commerce.customer_address WHERE customer_id = $1`, [lone]))[0].n).toBe(0);
      const [event] = await sql(`SELECT topic, payload FROM platform.outbox WHERE seq > $1`, [before]);
      expect(event).toEqual({ topic: 'commerce.customer.deleted', payload: { customerId: lone, organizationId: app.state.ids.orgA } });

      // A branch deleted together: its children are deleted in the same request.
      const branch = await customer('Branch');
      const leaf = await customer('Leaf', { parent: ref('customers', branch) });
      expect((await api(app.state.t, app.state.admin, 'DELETE', `/admin/api/customers?filter[id]=${branch},${leaf}`)).status).toBe(204);
    });
  });

  it('publishes CustomerCreated and delivers the events', async () => {
    const parent = await customer('Event Parent');
    const child = await customer('Event Child', { parent: ref('customers', parent) });
    const [created] = await sql(`SELECT payload FROM platform.outbox WHERE topic = 'commerce.customer.created' AND payload->>'customerId' = $1`, [child]);
    expect(created.payload).toEqual({ customerId: child, name: 'Event Child', parentId: parent, ownerId: app.state.ids.adminA, organizationId: app.state.ids.orgA });
    await app.state.t.drain();
    expect((await sql(`SELECT count(*)::int AS n FROM platform.outbox WHERE topic LIKE 'commerce.customer.%' AND dispatched_at IS NULL`))[0].n).toBe(0);
  });

  it('answers GetCustomer, GetCustomerAncestors, GetCustomerRoot, GetCustomerSubtree and ListCustomers on the query bus', async () => {
    const queries = app.state.t.get(QueryBus);
    const orgA = app.state.ids.orgA;
    const root = await customer('Q Root');
    const mid = await customer('Q Mid', { parent: ref('customers', root) });
    const leaf = await customer('Q Leaf', { parent: ref('customers', mid) });
    const other = await customer('Q Other');

    expect(await queries.execute(new GetCustomer(orgA, mid))).toEqual({
      id: mid, organizationId: orgA, name: 'Q Mid', parentId: root, ownerId: app.state.ids.adminA, groupId: null, rootId: root, lifetimeSalesValue: '0.0000',
      lifetimePaidOrderCount: 0, subtreeLifetimeSalesValue: '0.0000',
    });
    expect(await queries.execute(new GetCustomer(app.state.ids.orgB, mid))).toBeNull();
    expect(await queries.execute(new GetCustomer(orgA, 'nope'))).toBeNull();
    expect(await queries.execute(new GetCustomerAncestors(orgA, leaf))).toEqual([root, mid]);
    expect(await queries.execute(new GetCustomerAncestors(orgA, root))).toEqual([]);
    expect(await queries.execute(new GetCustomerRoot(orgA, leaf))).toBe(root);
    const subtree = await queries.execute(new GetCustomerSubtree(orgA, root));
    expect(subtree.map((c: { id: string }) => c.id)).toEqual([root, mid, leaf]);
    expect(await queries.execute(new GetCustomerSubtree(app.state.ids.orgB, root))).toEqual([]);

    const seen: string[] = [];
    for (let afterId: string | null = null; ; ) {
      const page: Array<{ id: string; organizationId: string }> = await queries.execute(new ListCustomers(orgA, afterId, 2));
      seen.push(...page.map((c) => c.id));
      if (page.length < 2) break;
      afterId = page[page.length - 1].id;
    }
    const all = await sql(`SELECT c.id::text AS id FROM commerce.customer c WHERE c.organization_id = $1 ORDER BY c.id`, [orgA]);
    expect(seen).toEqual(all.map((r: { id: string }) => r.id));
    expect(seen).toContain(other);
    const chosen: Array<{ id: string }> = await queries.execute(new ListCustomers(orgA, null, 100, [leaf, root, 'x', mid]));
    expect(chosen.map((c) => c.id)).toEqual([root, mid, leaf]);
    expect(await queries.execute(new ListCustomers(app.state.ids.orgB, null, 100, [leaf]))).toEqual([]);
  });

  it('keeps organizations apart and applies the roles', async () => {
    const beta = await login(app.state.t, 'admin@beta.test');
    const acmeCustomer = await customer('Acme only');
    const betaCustomer = await post('customers', { name: 'Beta only' }, {}, beta);
    expect((await get(`/admin/api/customers/${acmeCustomer}`, beta)).status).toBe(404);
    expect((await get('/admin/api/customers?page[size]=-1', beta)).json.data.map((c: { id: string }) => c.id)).toEqual([betaCustomer.json.data.id]);
    const [betaGroup] = await sql(`SELECT id::text AS id FROM commerce.customer_group WHERE organization_id = $1`, [app.state.ids.orgB]);
    for (const [name, type, id] of [
      ['parent', 'customers', betaCustomer.json.data.id],
      ['group', 'customergroups', betaGroup.id],
    ]) {
      const linked = await patch('customers', acmeCustomer, {}, { [name]: ref(type, id) });
      expect(linked.json.errors[0]).toMatchObject({ status: '400', title: 'form constraint', detail: 'The entity does not exist.', source: { pointer: `/data/relationships/${name}/data` } });
    }
    const moveForeign = await patch('customers', acmeCustomer, {}, { children: { data: [{ type: 'customers', id: betaCustomer.json.data.id }] } });
    expect(moveForeign.status).toBe(400);

    // Sales reps see every customer of the organization and the reference data, but change only their own customers.
    const rep = await login(app.state.t, 'rep@acme.test');
    expect((await get(`/admin/api/customers/${acmeCustomer}`, rep)).status).toBe(200);
    expect((await patch('customers', acmeCustomer, { name: 'Renamed by rep' }, {}, rep)).status).toBe(403);
    const own = await post('customers', { name: 'Rep customer' }, { parent: ref('customers', acmeCustomer), internal_rating: ref('customerratings', '3_of_5') }, rep);
    expect(own.status).toBe(201);
    expect((await get('/admin/api/customerratings', rep)).json.data).toHaveLength(5);
    const manager = await login(app.state.t, 'manager@acme.test');
    expect((await patch('customers', acmeCustomer, { name: 'Renamed by manager' }, {}, manager)).status).toBe(200);
  });
});
