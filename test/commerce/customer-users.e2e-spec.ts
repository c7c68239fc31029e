import { verifyPassword } from '../../libs/platform/identity/password-hasher';
import { api, login } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';

describe('customer users', () => {
  const app = useApp(['commerce']);
  const { sql, get, post, patch, remove, ref } = app;
  let acme: string;
  let globex: string;
  let buyer: string;
  let administrator: string;
  let betaAdmin: string;
  let emails = 0;

  const roleId = async (code: string, token?: string) => (await get(`/admin/api/customeruserroles?filter[role]=${code}`, token)).json.data[0].id as string;
  const roles = (...ids: string[]) => ({ data: ids.map((id) => ({ type: 'customeruserroles', id })) });
  const nextEmail = () => `user${++emails}@example.com`;
  const newUser = (attributes: object = {}, relationships: object = {}, token?: string) =>
    post('customerusers', { email: nextEmail(), firstName: 'Ann', lastName: 'Lee', ...attributes }, { customer: ref('customers', acme), roles: roles(buyer), ...relationships }, token);
  const pointers = (response: { json: { errors: Array<{ source?: { pointer?: string } }> } }) => response.json.errors.map((e) => e.source?.pointer);

  beforeAll(async () => {
    acme = (await post('customers', { name: 'Acme Retail' })).json.data.id;
    globex = (await post('customers', { name: 'Globex' })).json.data.id;
    buyer = await roleId('ROLE_FRONTEND_BUYER');
    administrator = await roleId('ROLE_FRONTEND_ADMINISTRATOR');
    betaAdmin = await login(app.state.t, 'admin@beta.test');
  });

  it('creates a customer user with its defaults, a hidden random password', async () => {
    const created = await newUser({ email: 'Ann.Lee@Example.com', namePrefix: 'Ms', birthday: '1990-02-03' });
    expect(created.status).toBe(201);
    const { id, attributes, relationships } = created.json.data;
    expect(attributes).toMatchObject({
      email: 'Ann.Lee@Example.com',
      namePrefix: 'Ms',
      firstName: 'Ann',
      lastName: 'Lee',
      birthday: '1990-02-03',
      enabled: true,
      confirmed: true,
      isGuest: false,
      authStatus: 'active',
      lastLogin: null,
      loginCount: 0,
    });
    expect(attributes).not.toHaveProperty('password');
    expect(created.body).not.toContain('argon2');
    expect(relationships.customer.data).toEqual({ type: 'customers', id: acme });
    expect(relationships.roles.data).toEqual([{ type: 'customeruserroles', id: buyer }]);
    expect(relationships.owner.data).toEqual({ type: 'users', id: app.state.ids.adminA });
    expect(relationships.organization.data).toEqual({ type: 'organizations', id: app.state.ids.orgA });
    expect(relationships.addresses.data).toEqual([]);
    expect((await get(`/admin/api/customers/${acme}`)).json.data.relationships.users.data).toContainEqual({ type: 'customerusers', id });

    const [row] = await sql(`SELECT email_lowercase, password_hash FROM commerce.customer_user WHERE id = $1`, [id]);
    expect(row.email_lowercase).toBe('ann.lee@example.com');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('hashes a given password with argon2id and never returns it', async () => {
    const created = await newUser({ password: 'long enough secret' });
    const [row] = await sql(`SELECT password_hash FROM commerce.customer_user WHERE id = $1`, [created.json.data.id]);
    expect(await verifyPassword(row.password_hash, 'long enough secret')).toBe(true);
    const changed = await patch('customerusers', created.json.data.id, { password: 'another long secret' });
    expect(changed.status).toBe(200);
    expect(changed.json.data.attributes).not.toHaveProperty('password');
    const [after] = await sql(`SELECT password_hash FROM commerce.customer_user WHERE id = $1`, [created.json.data.id]);
    expect(await verifyPassword(after.password_hash, 'another long secret')).toBe(true);
    expect((await newUser({ password: 'short' })).json.errors[0].source.pointer).toBe('/data/attributes/password');
  });

  it('validates the fields with a pointer to each problem and stores nothing', async () => {
    const before = (await sql(`SELECT count(*)::int AS n FROM commerce.customer_user`))[0].n;
    const missing = await post('customerusers', {}, {});
    expect(missing.status).toBe(400);
    expect(pointers(missing)).toEqual(
      expect.arrayContaining(['/data/attributes/email', '/data/attributes/firstName', '/data/attributes/lastName', '/data/relationships/customer/data']),
    );
    for (const email of ['not-an-email', 'a@b.c', 'ann@@example.com', 'ann@example', 'ann lee@example.com', `${'a'.repeat(250)}@example.com`]) {
      const bad = await newUser({ email });
      expect([bad.status, pointers(bad)]).toEqual([400, ['/data/attributes/email']]);
    }
    const future = await newUser({ birthday: '2999-01-01' });
    expect(future.json.errors[0]).toMatchObject({ status: '400', detail: 'The birth date cannot be in the future.', source: { pointer: '/data/attributes/birthday' } });
    expect(pointers(await newUser({ authStatus: 'locked' }))).toEqual(['/data/attributes/authStatus']);
    expect(pointers(await newUser({ lastLogin: '2020-01-01T00:00:00Z', unknown: 1 }))).toEqual(['/data/attributes/unknown']);
    expect((await sql(`SELECT count(*)::int AS n FROM commerce.customer_user`))[0].n).toBe(before);
  });

  it('keeps e-mails unique per organization among non-guests, regardless of case', async () => {
    const first = await newUser({ email: 'unique@example.com' });
    expect(first.status).toBe(201);
    const clash = await newUser({ email: 'UNIQUE@example.COM' });
    expect(clash.status).toBe(400);
    expect(clash.json.errors[0]).toMatchObject({ detail: 'This email is already used.', source: { pointer: '/data/attributes/email' } });

    // Guests are never checked, and a guest turning into a registered user is.
    const guest = await newUser({ email: 'unique@example.com', isGuest: true });
    expect(guest.status).toBe(201);
    expect((await patch('customerusers', guest.json.data.id, { isGuest: false })).json.errors[0].detail).toBe('This email is already used.');

    // Changing one's own e-mail's case is fine; taking another user's is not.
    expect((await patch('customerusers', first.json.data.id, { email: 'Unique@Example.com' })).status).toBe(200);
    const other = await newUser();
    expect((await patch('customerusers', other.json.data.id, { email: 'unique@EXAMPLE.com' })).status).toBe(400);

    // Another organization has its own e-mails.
    const betaCustomer = (await post('customers', { name: 'Beta Shop' }, {}, betaAdmin)).json.data.id;
    const betaBuyer = await roleId('ROLE_FRONTEND_BUYER', betaAdmin);
    const beta = await post(
      'customerusers',
      { email: 'unique@example.com', firstName: 'Bea', lastName: 'Ta' },
      { customer: ref('customers', betaCustomer), roles: roles(betaBuyer) },
      betaAdmin,
    );
    expect(beta.status).toBe(201);
  });

  it('lets only one of concurrent creations with the same e-mail through', async () => {
    const attempts = await Promise.all(
      ['race@example.com', 'Race@example.com', 'RACE@example.com', 'race@Example.com', 'race@EXAMPLE.COM'].map((email) => newUser({ email })),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 400, 400, 400, 400]);
    expect((await sql(`SELECT count(*)::int AS n FROM commerce.customer_user WHERE email_lowercase = 'race@example.com'`))[0].n).toBe(1);
  });

  it('requires a role for an enabled user, on create, update and the roles relationship', async () => {
    const noRole = await newUser({}, { roles: roles() });
    expect(noRole.json.errors[0]).toMatchObject({
      status: '400',
      detail: 'Please select at least one role before you enable the customer user',
      source: { pointer: '/data/relationships/roles/data' },
    });
    const disabled = await newUser({ enabled: false }, { roles: roles() });
    expect(disabled.status).toBe(201);
    const id = disabled.json.data.id;
    expect((await patch('customerusers', id, { enabled: true })).status).toBe(400);
    expect((await patch('customerusers', id, { enabled: true }, { roles: roles(buyer, administrator) })).status).toBe(200);

    const route = `/admin/api/customerusers/${id}/relationships/roles`;
    expect((await api(app.state.t, app.state.admin, 'DELETE', route, roles(buyer))).status).toBe(204);
    const last = await api(app.state.t, app.state.admin, 'DELETE', route, roles(administrator));
    expect(last.status).toBe(400);
    expect((await get(`/admin/api/customerusers/${id}`)).json.data.relationships.roles.data).toEqual([{ type: 'customeruserroles', id: administrator }]);
  });

  it('gives a customer-specific role only to users of that customer', async () => {
    const globexRole = await post('customeruserroles', { label: 'Globex purchaser' }, { customer: ref('customers', globex) });
    const refused = await newUser({}, { roles: roles(globexRole.json.data.id) });
    expect(refused.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/relationships/roles/data' } });
    expect(refused.json.errors[0].detail).toContain('Globex purchaser');
    const accepted = await newUser({}, { customer: ref('customers', globex), roles: roles(globexRole.json.data.id) });
    expect(accepted.status).toBe(201);
    // Moving that user to another customer would leave it with a role of its old customer.
    expect((await patch('customerusers', accepted.json.data.id, {}, { customer: ref('customers', acme) })).status).toBe(400);
  });

  it('detaches a user moved to another customer from the old customer’s orders', async () => {
    const user = (await newUser()).json.data.id;
    await sql(
      `INSERT INTO commerce.order (organization_id, identifier, customer_id, customer_user_id, currency) VALUES ($1, 'MOVE-1', $2, $3, 'USD')`,
      [app.state.ids.orgA, acme, user],
    );
    const moved = await patch('customerusers', user, {}, { customer: ref('customers', globex) });
    expect(moved.status).toBe(200);
    expect(moved.json.data.relationships.customer.data).toEqual({ type: 'customers', id: globex });
    const [order] = await sql(`SELECT customer_user_id FROM commerce.order WHERE identifier = 'MOVE-1'`);
    expect(order.customer_user_id).toBeNull();
  });

  it('refuses to delete a user that orders reference, naming them; deletes others with their roles', async () => {
    const user = (await newUser({ firstName: 'Olga', lastName: 'Orders' })).json.data.id;
    await sql(
      `INSERT INTO commerce.order (organization_id, identifier, customer_id, customer_user_id, currency) VALUES ($1, 'DEL-1', $2, $3, 'USD'), ($1, 'DEL-2', $2, $3, 'USD')`,
      [app.state.ids.orgA, acme, user],
    );
    const refused = await remove('customerusers', user);
    expect(refused.status).toBe(409);
    expect(refused.json.errors[0].detail).toBe('The customer user "Olga Orders" cannot be deleted: it is referenced by 2 orders (DEL-1, DEL-2).');

    const free = (await newUser()).json.data.id;
    expect((await remove('customerusers', free)).status).toBe(204);
    expect((await get(`/admin/api/customerusers/${free}`)).status).toBe(404);
    expect((await sql(`SELECT count(*)::int AS n FROM commerce.customer_user_to_role WHERE customer_user_id = $1`, [free]))[0].n).toBe(0);
  });

  it('filters, includes and keeps organizations apart', async () => {
    const user = await newUser({ email: 'findme@example.com' }, { salesRepresentatives: { data: [{ type: 'users', id: app.state.ids.repA }] } });
    const found = await get('/admin/api/customerusers?filter[email]=findme@example.com&include=roles,customer');
    expect(found.json.data.map((u: { id: string }) => u.id)).toEqual([user.json.data.id]);
    expect(found.json.included.map((r: { type: string }) => r.type).sort()).toEqual(['customers', 'customeruserroles']);
    expect(found.json.data[0].relationships.salesRepresentatives.data).toEqual([{ type: 'users', id: app.state.ids.repA }]);

    // Beta sees none of Acme's users and cannot attach its own to Acme's customer or roles.
    expect((await get(`/admin/api/customerusers/${user.json.data.id}`, betaAdmin)).status).toBe(404);
    expect((await get('/admin/api/customerusers?page[size]=-1', betaAdmin)).json.data.every((u: { attributes: { email: string } }) => u.attributes.email.startsWith('unique@'))).toBe(true);
    const foreign = await post('customerusers', { email: 'x@beta.example.com', firstName: 'X', lastName: 'Y' }, { customer: ref('customers', acme), roles: roles(buyer) }, betaAdmin);
    expect(foreign.status).toBe(400);
    expect(pointers(foreign)).toEqual(['/data/relationships/customer/data']);
    expect((await patch('customerusers', user.json.data.id, { firstName: 'Hacked' }, {}, betaAdmin)).status).toBe(404);

    // A sales rep (own records only) sees the users it owns; roles have no owner, so it cannot see or give them.
    const rep = await login(app.state.t, 'rep@acme.test');
    const repCustomer = (await post('customers', { name: 'Rep customer' }, {}, rep)).json.data.id;
    expect((await newUser({}, { customer: ref('customers', repCustomer) }, rep)).status).toBe(400);
    const own = await newUser({ enabled: false }, { customer: ref('customers', repCustomer), roles: roles() }, rep);
    expect(own.status).toBe(201);
    const listed = await get('/admin/api/customerusers?page[size]=-1', rep);
    expect(listed.json.data.map((u: { id: string }) => u.id)).toEqual([own.json.data.id]);
  });
});
