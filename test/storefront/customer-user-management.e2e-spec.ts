import { TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, seedIdentities } from '../identity/auth-helpers';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STRONG_PASSWORD, mailsTo, storefrontAction, storefrontSignIn, tokenIn } from './storefront-helpers';

/** Delegated user management on the storefront (domain §5.2): an Administrator manages its company's users. */
describe('storefront customer-user management', () => {
  let t: TestApp;
  const customers: Record<'parent' | 'child' | 'stranger', string> = { parent: '', child: '', stranger: '' };
  const roles: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const users: Record<string, string> = {};
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);
  const ref = (type: string, id: string) => ({ data: { type, id } });
  const create = (token: string, attributes: object, relationships: object = {}) => api(t, token, 'POST', '/api/customerusers', { data: { type: 'customerusers', attributes, relationships } });
  const patch = (token: string, id: string, attributes: object) => api(t, token, 'PATCH', `/api/customerusers/${id}`, { data: { type: 'customerusers', id, attributes } });
  const buyerRole = () => ({ userRoles: { data: [{ type: 'customeruserroles', id: roles.ROLE_FRONTEND_BUYER }] } });
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'storefront-users-mail-'));

  afterAll(() => fs.rmSync(mailDir, { recursive: true, force: true }));
  beforeAll(async () => {
    t = await createTestApp({ modules: ['commerce'], env: { MAIL_DIR: mailDir } });
    const ids = await seedIdentities(t);
    await t.drain();
    const admin = await login(t, 'admin@acme.test');
    const post = async (type: string, attributes: object, relationships: object = {}) => (await api(t, admin, 'POST', `/admin/api/${type}`, { data: { type, attributes, relationships } })).json.data.id as string;
    for (const row of await sql(`SELECT role, id::text AS id FROM commerce.customer_user_role WHERE organization_id = $1`, [ids.orgA])) roles[row.role] = row.id;
    customers.parent = await post('customers', { name: 'Parent' });
    customers.child = await post('customers', { name: 'Child' }, { parent: ref('customers', customers.parent) });
    customers.stranger = await post('customers', { name: 'Stranger' });
    for (const [name, customer, role] of [
      ['admin', customers.parent, 'ROLE_FRONTEND_ADMINISTRATOR'],
      ['buyer', customers.parent, 'ROLE_FRONTEND_BUYER'],
      ['childAdmin', customers.child, 'ROLE_FRONTEND_ADMINISTRATOR'],
    ]) {
      users[name] = await post('customerusers', { email: `${name}@shop.test`, firstName: name, lastName: 'Doe', password: STRONG_PASSWORD }, { customer: ref('customers', customer), roles: { data: [{ type: 'customeruserroles', id: roles[role] }] } });
      tokens[name] = (await storefrontSignIn(t, `${name}@shop.test`, STRONG_PASSWORD)).json.access_token;
    }
  });
  afterAll(() => t.close());

  it("lets an Administrator create users in its customer (by default) and its subsidiaries, who can then sign in", async () => {
    const own = await create(tokens.admin, { email: 'new.one@shop.test', firstName: 'New', lastName: 'One', password: 'Brand-New-1' }, buyerRole());
    expect(own.status).toBe(201);
    expect(own.json.data.relationships).toMatchObject({ customer: ref('customers', customers.parent), userRoles: { data: [{ type: 'customeruserroles', id: roles.ROLE_FRONTEND_BUYER }] } });
    const [stored] = await sql(`SELECT owner_id::text AS owner FROM commerce.customer_user WHERE id = $1`, [own.json.data.id]);
    const [creator] = await sql(`SELECT owner_id::text AS owner FROM commerce.customer_user WHERE id = $1`, [users.admin]);
    expect(stored.owner).toBe(creator.owner);
    // Confirmation is required (the default): the new colleague confirms from its mail, then signs in.
    expect((await storefrontSignIn(t, 'new.one@shop.test', 'Brand-New-1')).json.error_description).toBe('The customer user is not confirmed.');
    await t.drain();
    const [mail] = mailsTo(mailDir, 'new.one@shop.test');
    expect((await storefrontAction(t, 'POST', '/api/registration/confirmation', { token: tokenIn(mail) })).status).toBe(200);
    expect((await storefrontSignIn(t, 'new.one@shop.test', 'Brand-New-1')).status).toBe(200);

    // Without userRoles: the Buyer role, as in the back office.
    const inChild = await create(tokens.admin, { email: 'new.two@shop.test', firstName: 'New', lastName: 'Two' }, { customer: ref('customers', customers.child) });
    expect(inChild.status).toBe(201);
    expect(inChild.json.data.relationships.userRoles.data).toEqual([{ type: 'customeruserroles', id: roles.ROLE_FRONTEND_BUYER }]);
  });

  it('refuses a customer out of reach, a weak password, a user without role and a taken e-mail', async () => {
    const stranger = await create(tokens.admin, { email: 'x1@shop.test', firstName: 'X', lastName: 'Y' }, { customer: ref('customers', customers.stranger), ...buyerRole() });
    expect(stranger.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/relationships/customer/data' } });
    const upward = await create(tokens.childAdmin, { email: 'x2@shop.test', firstName: 'X', lastName: 'Y' }, { customer: ref('customers', customers.parent), ...buyerRole() });
    expect(upward.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/relationships/customer/data' } });
    const weak = await create(tokens.admin, { email: 'x3@shop.test', firstName: 'X', lastName: 'Y', password: 'password1' }, buyerRole());
    expect(weak.json.errors[0]).toMatchObject({ title: 'password complexity constraint', source: { pointer: '/data/attributes/password' } });
    const roleless = await create(tokens.admin, { email: 'x4@shop.test', firstName: 'X', lastName: 'Y' }, { userRoles: { data: [] } });
    expect(roleless.json.errors[0]).toMatchObject({ title: 'customer user check role constraint', source: { pointer: '/data/relationships/userRoles/data' } });
    const taken = await create(tokens.admin, { email: 'BUYER@shop.test', firstName: 'X', lastName: 'Y' }, buyerRole());
    expect(taken.json.errors[0]).toMatchObject({ title: 'unique customer user name and email constraint', source: { pointer: '/data/attributes/email' } });
    expect(await sql(`SELECT 1 FROM commerce.customer_user WHERE email LIKE 'x_@shop.test'`)).toEqual([]);
  });

  it('lets an Administrator disable and enable a colleague, but nobody disable or delete itself', async () => {
    expect((await patch(tokens.admin, users.buyer, { enabled: false })).status).toBe(200);
    expect((await storefrontSignIn(t, 'buyer@shop.test', STRONG_PASSWORD)).json.error_description).toBe('The customer user is disabled.');
    expect((await api(t, tokens.buyer, 'GET', '/api/customers')).status).toBe(401);
    expect((await patch(tokens.admin, users.buyer, { enabled: true })).status).toBe(200);
    tokens.buyer = (await storefrontSignIn(t, 'buyer@shop.test', STRONG_PASSWORD)).json.access_token;

    const self = await patch(tokens.admin, users.admin, { enabled: false });
    expect(self.json.errors[0]).toMatchObject({ status: '403', source: { pointer: '/data/attributes/enabled' } });
    expect((await patch(tokens.admin, users.admin, { firstName: 'Boss' })).status).toBe(200);
    const selfDelete = await api(t, tokens.admin, 'DELETE', `/api/customerusers/${users.admin}`);
    expect(selfDelete.json.errors[0]).toMatchObject({ status: '403', title: 'access denied exception', detail: 'The delete operation is forbidden. Reason: self delete.' });
  });

  it('keeps Buyers and subsidiaries out of what is not theirs', async () => {
    expect((await create(tokens.buyer, { email: 'b1@shop.test', firstName: 'B', lastName: 'One' }, buyerRole())).status).toBe(403);
    expect((await patch(tokens.buyer, users.admin, { firstName: 'Hacked' })).status).toBe(403); // a colleague it sees
    expect((await patch(tokens.buyer, users.childAdmin, { firstName: 'Hacked' })).status).toBe(404); // out of its sight
    expect((await patch(tokens.childAdmin, users.admin, { firstName: 'Hacked' })).status).toBe(404);
    expect((await sql(`SELECT first_name FROM commerce.customer_user WHERE id = $1`, [users.admin]))[0].first_name).toBe('Boss');
  });

  it("lets an Administrator manage its company's addresses and keeps Buyers and strangers out", async () => {
    const address = { street: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US', firstName: 'Ann', lastName: 'Lee' };
    const post = (token: string, type: string, relationships: object = {}, attributes: object = address) => api(t, token, 'POST', `/api/${type}`, { data: { type, attributes, relationships } });
    const own = await post(tokens.admin, 'customeraddresses');
    expect(own.status).toBe(201);
    expect(own.json.data.relationships.customer.data).toEqual({ type: 'customers', id: customers.parent });
    const [stored] = await sql(`SELECT a.owner_id::text AS owner, c.owner_id::text AS customer_owner FROM commerce.customer_address a JOIN commerce.customer c ON c.id = a.customer_id WHERE a.id = $1`, [own.json.data.id]);
    expect(stored.owner).toBe(stored.customer_owner);
    expect((await post(tokens.admin, 'customeraddresses', { customer: ref('customers', customers.child) })).status).toBe(201);
    const stranger = await post(tokens.admin, 'customeraddresses', { customer: ref('customers', customers.stranger) });
    expect(stranger.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/relationships/customer/data' } });
    const invalid = await post(tokens.admin, 'customeraddresses', {}, { ...address, country: 'XX' });
    expect(invalid.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/attributes/country' } });
    expect((await post(tokens.buyer, 'customeraddresses')).status).toBe(403);

    const id = own.json.data.id;
    const renamed = await api(t, tokens.admin, 'PATCH', `/api/customeraddresses/${id}`, { data: { type: 'customeraddresses', id, attributes: { label: 'Head office' } } });
    expect(renamed.json.data.attributes.label).toBe('Head office');
    expect((await api(t, tokens.childAdmin, 'PATCH', `/api/customeraddresses/${id}`, { data: { type: 'customeraddresses', id, attributes: { label: 'X' } } })).status).toBe(404);
    expect((await api(t, tokens.buyer, 'DELETE', `/api/customeraddresses/${id}`)).status).toBe(403);
    expect((await api(t, tokens.admin, 'DELETE', `/api/customeraddresses/${id}`)).status).toBe(204);

    const userAddress = await post(tokens.admin, 'customeruseraddresses', { customerUser: ref('customerusers', users.childAdmin) });
    expect(userAddress.status).toBe(201);
    expect((await post(tokens.admin, 'customeruseraddresses')).json.data.relationships.customerUser.data).toEqual({ type: 'customerusers', id: users.admin });
  });

  it('lets an Administrator change the roles of a subsidiary user and delete it', async () => {
    const [{ id }] = await sql(`SELECT id::text AS id FROM commerce.customer_user WHERE email = 'new.two@shop.test'`);
    const promoted = await api(t, tokens.admin, 'PATCH', `/api/customerusers/${id}`, {
      data: { type: 'customerusers', id, relationships: { userRoles: { data: [{ type: 'customeruserroles', id: roles.ROLE_FRONTEND_ADMINISTRATOR }] } } },
    });
    expect(promoted.json.data.relationships.userRoles.data).toEqual([{ type: 'customeruserroles', id: roles.ROLE_FRONTEND_ADMINISTRATOR }]);
    // Oro's relationship routes for userRoles.
    const route = `/api/customerusers/${id}/relationships/userRoles`;
    expect((await api(t, tokens.admin, 'POST', route, { data: [{ type: 'customeruserroles', id: roles.ROLE_FRONTEND_BUYER }] })).status).toBe(204);
    expect((await api(t, tokens.admin, 'GET', route)).json.data).toHaveLength(2);
    expect((await api(t, tokens.admin, 'DELETE', route, { data: [{ type: 'customeruserroles', id: roles.ROLE_FRONTEND_ADMINISTRATOR }] })).status).toBe(204);
    const last = await api(t, tokens.admin, 'DELETE', route, { data: [{ type: 'customeruserroles', id: roles.ROLE_FRONTEND_BUYER }] });
    expect(last.json.errors[0]).toMatchObject({ status: '400', title: 'customer user check role constraint' });
    expect((await api(t, tokens.buyer, 'PATCH', `/api/customerusers/${users.admin}/relationships/userRoles`, { data: [] })).status).toBe(403);
    expect((await api(t, tokens.admin, 'PATCH', `/api/customerusers/${id}/relationships/addresses`, { data: [] })).status).toBe(405);
    expect((await api(t, tokens.admin, 'DELETE', `/api/customerusers/${id}`)).status).toBe(204);
    expect(await sql(`SELECT 1 FROM commerce.customer_user WHERE id = $1`, [id])).toEqual([]);
  });
});

/** `/api/me` (issue 12): every customer user reads itself and changes its own profile and password. */
describe('storefront /api/me', () => {
  let t: TestApp;
  let token: string;
  let id: string;
  const me = (method: 'GET' | 'PATCH', attributes?: object, url = '/api/me') =>
    api(t, token, method, url, attributes ? { data: { type: 'customerusers', attributes } } : undefined);

  beforeAll(async () => {
    t = await createTestApp({ modules: ['commerce'] });
    const ids = await seedIdentities(t);
    await t.drain();
    const admin = await login(t, 'admin@acme.test');
    const customer = (await api(t, admin, 'POST', '/admin/api/customers', { data: { type: 'customers', attributes: { name: 'Solo' } } })).json.data.id;
    const created = await api(t, admin, 'POST', '/admin/api/customerusers', {
      data: { type: 'customerusers', attributes: { email: 'me@shop.test', firstName: 'Me', lastName: 'Myself', password: STRONG_PASSWORD }, relationships: { customer: { data: { type: 'customers', id: customer } } } },
    });
    id = created.json.data.id;
    // A role that may not view customer users at all: the caller still sees itself at /api/me.
    await t.get(TransactionRunner).manager.query(`DELETE FROM commerce.customer_user_role_permission WHERE entity = 'customerusers' AND role_id IN (SELECT id FROM commerce.customer_user_role WHERE organization_id = $1 AND role = 'ROLE_FRONTEND_BUYER')`, [ids.orgA]);
    token = (await storefrontSignIn(t, 'me@shop.test', STRONG_PASSWORD)).json.access_token;
  });
  afterAll(() => t.close());

  it('answers the caller as a customerusers document, with include, and 401 without a token', async () => {
    const response = await api(t, token, 'GET', '/api/me?include=customer');
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({ type: 'customerusers', id, attributes: { email: 'me@shop.test', firstName: 'Me' } });
    expect(response.json.included).toEqual([expect.objectContaining({ type: 'customers', attributes: { name: 'Solo', createdAt: expect.any(String), updatedAt: expect.any(String) } })]);
    expect((await api(t, null, 'GET', '/api/me')).status).toBe(401);
    expect((await api(t, token, 'GET', `/api/customerusers/${id}`)).status).toBe(404); // its role does not show users
  });

  it('changes its own names, and its password only with the current one and by the rules', async () => {
    expect((await me('PATCH', { firstName: 'Moi' })).json.data.attributes.firstName).toBe('Moi');
    const noCurrent = await me('PATCH', { password: 'Other-Secret-9' });
    expect(noCurrent.json.errors[0]).toMatchObject({ title: 'user password constraint', source: { pointer: '/data/attributes/currentPassword' } });
    const weak = await me('PATCH', { password: 'weak', currentPassword: STRONG_PASSWORD });
    expect(weak.json.errors[0]).toMatchObject({ title: 'password complexity constraint', source: { pointer: '/data/attributes/password' } });
    expect((await me('PATCH', { password: 'Other-Secret-9', currentPassword: STRONG_PASSWORD })).status).toBe(200);
    expect((await storefrontSignIn(t, 'me@shop.test', 'Other-Secret-9')).status).toBe(200);
  });

  it('refuses what is the company\'s to decide', async () => {
    for (const field of ['email', 'enabled', 'confirmed']) {
      const response = await me('PATCH', { [field]: field === 'email' ? 'new@shop.test' : false });
      expect(response.json.errors[0]).toMatchObject({ status: '400', title: 'extra fields constraint', source: { pointer: `/data/attributes/${field}` } });
    }
    expect((await t.app.inject({ method: 'OPTIONS', url: '/api/me' })).headers.allow).toBe('OPTIONS, GET, PATCH');
  });
});

/** Role self-management on the storefront (domain §5.3): copies of predefined roles, the company's own roles. */
describe('storefront role self-management', () => {
  let t: TestApp;
  const roles: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const users: Record<string, string> = {};
  const customers: Record<string, string> = {};
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);
  const rolesOf = async (userId: string) => (await sql(`SELECT role_id::text AS id FROM commerce.customer_user_to_role WHERE customer_user_id = $1 ORDER BY 1`, [userId])).map((r: { id: string }) => r.id);
  const patchRole = (token: string, id: string, attributes: object) => api(t, token, 'PATCH', `/api/customeruserroles/${id}`, { data: { type: 'customeruserroles', id, attributes } });

  beforeAll(async () => {
    t = await createTestApp({ modules: ['commerce'] });
    const ids = await seedIdentities(t);
    await t.drain();
    const admin = await login(t, 'admin@acme.test');
    const post = async (type: string, attributes: object, relationships: object = {}) => (await api(t, admin, 'POST', `/admin/api/${type}`, { data: { type, attributes, relationships } })).json.data.id as string;
    for (const row of await sql(`SELECT role, id::text AS id FROM commerce.customer_user_role WHERE organization_id = $1`, [ids.orgA])) roles[row.role] = row.id;
    customers.parent = await post('customers', { name: 'Parent' });
    customers.child = await post('customers', { name: 'Child' }, { parent: { data: { type: 'customers', id: customers.parent } } });
    for (const [name, customer, role] of [
      ['admin', customers.parent, 'ROLE_FRONTEND_ADMINISTRATOR'],
      ['buyer', customers.parent, 'ROLE_FRONTEND_BUYER'],
      ['childAdmin', customers.child, 'ROLE_FRONTEND_ADMINISTRATOR'],
      ['childBuyer', customers.child, 'ROLE_FRONTEND_BUYER'],
    ]) {
      users[name] = await post('customerusers', { email: `${name}@roles.test`, firstName: name, lastName: 'Doe', password: STRONG_PASSWORD }, {
        customer: { data: { type: 'customers', id: customer } },
        userRoles: { data: [{ type: 'customeruserroles', id: roles[role] }] },
      });
      tokens[name] = (await storefrontSignIn(t, `${name}@roles.test`, STRONG_PASSWORD)).json.access_token;
    }
  });
  afterAll(() => t.close());

  it('lists only self-managed, public roles', async () => {
    const listed = (await api(t, tokens.admin, 'GET', '/api/customeruserroles')).json.data.map((r: { id: string }) => r.id).sort();
    expect(listed).toEqual([roles.ROLE_FRONTEND_ADMINISTRATOR, roles.ROLE_FRONTEND_BUYER].sort());
    expect((await api(t, tokens.buyer, 'GET', '/api/customeruserroles')).status).toBe(403);
  });

  it("edits a predefined role as a copy for the caller's customer and moves that customer's users onto it", async () => {
    const [before] = await sql(`SELECT label, (SELECT count(*)::int FROM commerce.customer_user_role_permission WHERE role_id = $1) AS permissions FROM commerce.customer_user_role WHERE id = $1`, [roles.ROLE_FRONTEND_BUYER]);
    const permissions = [{ entity: 'orders', permission: 'VIEW', accessLevel: 'department' }, { entity: 'customers', permission: 'VIEW', accessLevel: 'department' }];
    const edited = await patchRole(tokens.admin, roles.ROLE_FRONTEND_BUYER, { label: 'Parent buyer', permissions });
    expect(edited.status).toBe(200);
    const copy = edited.json.data;
    expect(copy.id).not.toBe(roles.ROLE_FRONTEND_BUYER);
    expect(copy).toMatchObject({ attributes: { label: 'Parent buyer', selfManaged: true, public: true }, relationships: { customer: { data: { type: 'customers', id: customers.parent } } } });
    expect(copy.attributes.permissions).toEqual(expect.arrayContaining(permissions));
    // The predefined role is as it was; the parent's buyer is on the copy, the subsidiary's buyer is not.
    const [after] = await sql(`SELECT label, (SELECT count(*)::int FROM commerce.customer_user_role_permission WHERE role_id = $1) AS permissions FROM commerce.customer_user_role WHERE id = $1`, [roles.ROLE_FRONTEND_BUYER]);
    expect(after).toEqual(before);
    expect(await rolesOf(users.buyer)).toEqual([copy.id]);
    expect(await rolesOf(users.childBuyer)).toEqual([roles.ROLE_FRONTEND_BUYER]);
    // The copy's permissions apply at once: the parent's buyer now sees its customer's orders (none yet) and no longer users.
    expect((await api(t, tokens.buyer, 'GET', '/api/orders')).status).toBe(200);
    expect((await api(t, tokens.buyer, 'GET', '/api/customerusers')).status).toBe(403);
    // Unchanged permissions are copied when none are sent.
    const administratorCopy = await patchRole(tokens.childAdmin, roles.ROLE_FRONTEND_ADMINISTRATOR, { label: 'Child administrator' });
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM commerce.customer_user_role_permission WHERE role_id = $1`, [roles.ROLE_FRONTEND_ADMINISTRATOR]);
    expect(administratorCopy.json.data.attributes.permissions).toHaveLength(n);
    expect(await rolesOf(users.childAdmin)).toEqual([administratorCopy.json.data.id]);
  });

  it('never deletes a predefined role, creates and deletes its company\'s own, and keeps out of other companies\' roles', async () => {
    const predefined = await api(t, tokens.admin, 'DELETE', `/api/customeruserroles/${roles.ROLE_FRONTEND_ADMINISTRATOR}`);
    expect(predefined.json.errors[0]).toMatchObject({ status: '403', title: 'access denied exception' });
    const created = await api(t, tokens.admin, 'POST', '/api/customeruserroles', { data: { type: 'customeruserroles', attributes: { label: 'Approver' } } });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ attributes: { selfManaged: true }, relationships: { customer: { data: { type: 'customers', id: customers.parent } } } });
    // The subsidiary's administrator does not reach the parent's roles.
    expect((await patchRole(tokens.childAdmin, created.json.data.id, { label: 'Mine now' })).status).toBe(404);
    expect((await api(t, tokens.admin, 'DELETE', `/api/customeruserroles/${created.json.data.id}`)).status).toBe(204);
  });
});
