import { login } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';

/** Customer addresses and customer user addresses: one definition, two owners. */
describe('customer and customer user addresses', () => {
  const app = useApp(['commerce']);
  const { sql, get, post, patch, remove, ref } = app;
  let acme: string;
  let globex: string;
  let ann: string;
  let gus: string;
  let betaAdmin: string;

  const address = (extra: object = {}) => ({ firstName: 'Ann', lastName: 'Lee', street: '1 Main St', city: 'Rochester', postalCode: '14608', country: 'US', ...extra });
  const typesOf = async (type: string, id: string) => (await get(`/admin/api/${type}/${id}`)).json.data.attributes.types;
  const pointers = (response: { json: { errors: Array<{ source?: { pointer?: string } }> } }) => response.json.errors.map((e) => e.source?.pointer);

  beforeAll(async () => {
    acme = (await post('customers', { name: 'Acme Retail' })).json.data.id;
    globex = (await post('customers', { name: 'Globex' })).json.data.id;
    const buyer = (await get('/admin/api/customeruserroles?filter[role]=ROLE_FRONTEND_BUYER')).json.data[0].id;
    const customerUser = async (email: string, customer: string) =>
      (await post('customerusers', { email, firstName: 'Ann', lastName: 'Lee' }, { customer: ref('customers', customer), roles: { data: [{ type: 'customeruserroles', id: buyer }] } }))
        .json.data.id;
    ann = await customerUser('ann@acme.example.com', acme);
    gus = await customerUser('gus@globex.example.com', globex);
    betaAdmin = await login(app.state.t, 'admin@beta.test');
  });

  describe.each([
    ['customeraddresses', 'customer', 'customers', () => acme, () => globex],
    ['customeruseraddresses', 'customerUser', 'customerusers', () => ann, () => gus],
  ])('%s', (type, ownerName, ownerType, owner, other) => {
    const of = (id = owner()) => ({ [ownerName]: ref(ownerType, id) });

    it('creates an address with its types, owner and organization', async () => {
      const created = await post(type, address({ label: 'Head office', region: 'US-NY', phone: '+1 585 555 0100', primary: true, types: [{ addressType: 'billing', default: true }, { addressType: 'shipping' }] }), of());
      expect(created.status).toBe(201);
      const { attributes, relationships } = created.json.data;
      expect(attributes).toMatchObject({
        label: 'Head office',
        country: 'US',
        region: 'US-NY',
        regionText: null,
        organization: null,
        primary: true,
        types: [
          { addressType: 'billing', default: true },
          { addressType: 'shipping', default: false },
        ],
      });
      expect(relationships[ownerName].data).toEqual({ type: ownerType, id: owner() });
      expect(relationships.owner.data).toEqual({ type: 'users', id: app.state.ids.adminA });
      expect(relationships.systemOrganization.data).toEqual({ type: 'organizations', id: app.state.ids.orgA });
      const listed = await get(`/admin/api/${ownerType}/${owner()}/relationships/addresses`);
      expect(listed.json.data).toContainEqual({ type, id: created.json.data.id });
    });

    it('validates required fields, the country, the region and the name with pointers, storing nothing', async () => {
      const before = (await sql(`SELECT count(*)::int AS n FROM commerce.${type === 'customeraddresses' ? 'customer_address' : 'customer_user_address'}`))[0].n;
      const missing = await post(type, {}, {});
      expect(pointers(missing)).toEqual(
        expect.arrayContaining(['/data/attributes/street', '/data/attributes/city', '/data/attributes/postalCode', '/data/attributes/country', `/data/relationships/${ownerName}/data`]),
      );
      expect(pointers(await post(type, address({ country: 'XX' }), of()))).toEqual(['/data/attributes/country']);
      expect(pointers(await post(type, address({ country: 'us' }), of()))).toEqual(['/data/attributes/country']);
      expect(pointers(await post(type, address({ region: 'New York' }), of()))).toEqual(['/data/attributes/region']);
      const wrongRegion = await post(type, address({ country: 'DE', region: 'US-NY' }), of());
      expect(wrongRegion.json.errors[0]).toMatchObject({ status: '400', detail: 'The region "US-NY" is not a region of the country "DE".', source: { pointer: '/data/attributes/region' } });
      const nameless = await post(type, address({ firstName: null, lastName: 'Lee' }), of());
      expect(nameless.json.errors.map((e: { source: { pointer: string } }) => e.source.pointer)).toEqual(['/data/attributes/organization', '/data/attributes/firstName']);
      expect(nameless.json.errors[1]).toMatchObject({ status: '400', title: 'name or organization constraint', detail: 'First Name and Last Name or Organization should not be blank.' });
      expect(pointers(await post(type, address({ types: [{ addressType: 'billing' }, { addressType: 'billing' }] }), of()))).toEqual(['/data/attributes/types']);
      expect(pointers(await post(type, address({ types: [{ addressType: 'home' }] }), of()))).toEqual(['/data/attributes/types']);
      expect((await sql(`SELECT count(*)::int AS n FROM commerce.${type === 'customeraddresses' ? 'customer_address' : 'customer_user_address'}`))[0].n).toBe(before);

      // An organization stands in for the person's name.
      expect((await post(type, address({ firstName: null, lastName: null, organization: 'Acme Retail Inc.' }), of())).status).toBe(201);
    });

    it('keeps one default address per type and one primary address per owner', async () => {
      const first = (await post(type, address({ label: 'First', primary: true, types: [{ addressType: 'billing', default: true }, { addressType: 'shipping', default: true }] }), of())).json.data.id;
      const second = (await post(type, address({ label: 'Second', primary: true, types: [{ addressType: 'shipping', default: true }] }), of())).json.data.id;
      expect(await typesOf(type, first)).toEqual([
        { addressType: 'billing', default: true },
        { addressType: 'shipping', default: false },
      ]);
      expect(await typesOf(type, second)).toEqual([{ addressType: 'shipping', default: true }]);
      expect((await get(`/admin/api/${type}/${first}`)).json.data.attributes.primary).toBe(false);

      // Another owner's defaults are its own.
      expect((await post(type, address({ types: [{ addressType: 'shipping', default: true }] }), of(other()))).status).toBe(201);
      expect(await typesOf(type, second)).toEqual([{ addressType: 'shipping', default: true }]);

      // A PATCH making the first one the shipping default again takes it from the second one.
      const updated = await patch(type, first, { types: [{ addressType: 'shipping', default: true }] });
      expect(updated.json.data.attributes.types).toEqual([{ addressType: 'shipping', default: true }]);
      expect(await typesOf(type, second)).toEqual([{ addressType: 'shipping', default: false }]);
      const defaults = await sql(
        `SELECT type, count(*)::int AS n FROM commerce.${type === 'customeraddresses' ? 'customer_address_type' : 'customer_user_address_type'}
         WHERE ${type === 'customeraddresses' ? 'customer_id' : 'customer_user_id'} = $1 AND is_default GROUP BY type ORDER BY type`,
        [owner()],
      );
      expect(defaults).toEqual([{ type: 'shipping', n: 1 }]);
    });

    it('never moves an address to another owner', async () => {
      const id = (await post(type, address(), of())).json.data.id;
      const moved = await patch(type, id, { city: 'Buffalo' }, { [ownerName]: ref(ownerType, other()) });
      expect(moved.json.errors[0]).toMatchObject({
        status: '400',
        detail: `The ${ownerType === 'customers' ? 'customer' : 'customer user'} of an address cannot be changed.`,
        source: { pointer: `/data/relationships/${ownerName}/data` },
      });
      expect((await get(`/admin/api/${type}/${id}`)).json.data.attributes.city).toBe('Rochester');
      expect((await patch(type, id, { city: 'Buffalo' }, of())).status).toBe(200);
      expect((await remove(type, id)).status).toBe(204);
    });

    it('keeps organizations apart', async () => {
      const id = (await post(type, address(), of())).json.data.id;
      expect((await get(`/admin/api/${type}/${id}`, betaAdmin)).status).toBe(404);
      expect((await patch(type, id, { city: 'Elsewhere' }, {}, betaAdmin)).status).toBe(404);
      const foreign = await post(type, address(), of(), betaAdmin);
      expect([foreign.status, pointers(foreign)]).toEqual([400, [`/data/relationships/${ownerName}/data`]]);
      expect((await get(`/admin/api/${type}?page[size]=-1`, betaAdmin)).json.data).toEqual([]);
    });
  });

  it('lists a customer user’s addresses on it, and deletes them with it', async () => {
    const buyer = (await get('/admin/api/customeruserroles?filter[role]=ROLE_FRONTEND_BUYER')).json.data[0].id;
    const bob = (
      await post('customerusers', { email: 'bob@acme.example.com', firstName: 'Bob', lastName: 'Ray' }, { customer: ref('customers', acme), roles: { data: [{ type: 'customeruserroles', id: buyer }] } })
    ).json.data.id;
    const home = (await post('customeruseraddresses', address({ firstName: 'Bob' }), { customerUser: ref('customerusers', bob) })).json.data.id;
    expect((await get(`/admin/api/customerusers/${bob}`)).json.data.relationships.addresses.data).toEqual([{ type: 'customeruseraddresses', id: home }]);
    const related = await get(`/admin/api/customerusers/${bob}/addresses`);
    expect(related.json.data.map((a: { id: string }) => a.id)).toEqual([home]);
    expect((await remove('customerusers', bob)).status).toBe(204);
    expect((await get(`/admin/api/customeruseraddresses/${home}`)).status).toBe(404);
  });
});
