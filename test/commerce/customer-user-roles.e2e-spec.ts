import { createOrganization } from '../../libs/platform/runtime';
import {
  CommercePredefinedCustomerUserRoles1763900002200,
  PREDEFINED_CUSTOMER_USER_ROLES,
} from '../../migrations/commerce/1763900002200-commerce-predefined-customer-user-roles';
import { api, login } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';

describe('customer user roles', () => {
  const app = useApp(['commerce']);
  const { sql, get, post, patch, remove, ref } = app;
  let acme: string;
  let globex: string;
  let buyer: string;
  let betaAdmin: string;
  let emails = 0;

  const users = (...ids: string[]) => ({ data: ids.map((id) => ({ type: 'customerusers', id })) });
  const roles = (...ids: string[]) => ({ data: ids.map((id) => ({ type: 'customeruserroles', id })) });
  const rolesOf = async (organizationId: string) =>
    sql(
      `SELECT r.role, r.label, r.self_managed, r.public, count(p.*)::int AS permissions
       FROM commerce.customer_user_role r LEFT JOIN commerce.customer_user_role_permission p ON p.role_id = r.id
       WHERE r.organization_id = $1 AND r.customer_id IS NULL GROUP BY r.id ORDER BY r.role`,
      [organizationId],
    );
  const newUser = async (customer: string, roleIds: string[], firstName = 'Ann') =>
    (await post('customerusers', { email: `role-user${++emails}@example.com`, firstName, lastName: 'Lee' }, { customer: ref('customers', customer), roles: roles(...roleIds) })).json
      .data.id as string;

  beforeAll(async () => {
    acme = (await post('customers', { name: 'Acme Retail' })).json.data.id;
    globex = (await post('customers', { name: 'Globex' })).json.data.id;
    buyer = (await get('/admin/api/customeruserroles?filter[role]=ROLE_FRONTEND_BUYER')).json.data[0].id;
    betaAdmin = await login(app.state.t, 'admin@beta.test');
  });

  it('gives every organization the predefined roles, once, from the subscriber and from the migration', async () => {
    const expected = [
      { role: 'ROLE_FRONTEND_ADMINISTRATOR', label: 'Administrator', self_managed: true, public: true, permissions: 30 },
      { role: 'ROLE_FRONTEND_ANONYMOUS', label: 'Non-Authenticated Visitors', self_managed: false, public: false, permissions: 0 },
      { role: 'ROLE_FRONTEND_BUYER', label: 'Buyer', self_managed: true, public: true, permissions: 7 },
    ];
    expect(await rolesOf(app.state.ids.orgA)).toEqual(expected);
    expect(await rolesOf(app.state.ids.orgB)).toEqual(expected);

    const buyerRole = (await get(`/admin/api/customeruserroles/${buyer}`)).json.data;
    expect(buyerRole.attributes).toMatchObject({ role: 'ROLE_FRONTEND_BUYER', label: 'Buyer', selfManaged: true, public: true });
    expect(buyerRole.attributes.permissions).toEqual([
      { entity: 'customeraddresses', permission: 'VIEW', accessLevel: 'department' },
      { entity: 'customers', permission: 'VIEW', accessLevel: 'department' },
      { entity: 'customeruseraddresses', permission: 'VIEW', accessLevel: 'user' },
      { entity: 'customerusers', permission: 'VIEW', accessLevel: 'department' },
      { entity: 'orders', permission: 'VIEW', accessLevel: 'user' },
      { entity: 'orders', permission: 'CREATE', accessLevel: 'user' },
      { entity: 'orders', permission: 'EDIT', accessLevel: 'user' },
    ]);

    // A new organization gets them through OrganizationCreated; redelivery and the migration add nothing twice.
    const db = { query: (q: string, p?: unknown[]) => sql(q, p) };
    const fresh = await createOrganization(db, 'Fresh');
    await app.state.t.drain();
    expect(await rolesOf(fresh)).toEqual(expected);
    // An organization that existed before the migration (no event) gets them when it runs.
    const [{ id: silent }] = await sql(`INSERT INTO platform.organization (name) VALUES ('Silent') RETURNING id::text AS id`);
    await new CommercePredefinedCustomerUserRoles1763900002200().up(db as never);
    expect(await rolesOf(silent)).toEqual(expected);
    expect(await rolesOf(fresh)).toEqual(expected);
    expect(await rolesOf(app.state.ids.orgA)).toEqual(expected);
    expect(PREDEFINED_CUSTOMER_USER_ROLES).toHaveLength(3);
  });

  it('generates the role code from the label (or takes the one given, as Oro) and keeps labels unique per customer', async () => {
    const coded = await post('customeruserroles', { label: 'Coded', role: 'role given' });
    expect(coded.json.data.attributes.role).toMatch(/^ROLE_FRONTEND_ROLE_GIVEN_[0-9A-F]{6}$/);
    const created = await post('customeruserroles', { label: 'Key Buyer' });
    expect(created.status).toBe(201);
    expect(created.json.data.attributes).toMatchObject({ role: 'ROLE_FRONTEND_KEY_BUYER', label: 'Key Buyer', selfManaged: false, public: true, permissions: [] });
    expect(created.json.data.relationships.customer.data).toBeNull();
    expect(created.json.data.relationships.organization.data).toEqual({ type: 'organizations', id: app.state.ids.orgA });

    const again = await post('customeruserroles', { label: 'Key Buyer' });
    expect(again.json.errors[0]).toMatchObject({ status: '400', title: 'unique entity constraint', detail: 'Role with this name already exists', source: { pointer: '/data/attributes/label' } });
    const forAcme = await post('customeruserroles', { label: 'Key Buyer' }, { customer: ref('customers', acme) });
    expect(forAcme.status).toBe(201);
    expect(forAcme.json.data.attributes.role).toMatch(/^ROLE_FRONTEND_KEY_BUYER_[0-9A-F]{6}$/);
    expect((await patch('customeruserroles', forAcme.json.data.id, {}, { customer: { data: null } })).json.errors[0].detail).toBe('Role with this name already exists');
    expect((await post('customeruserroles', { label: 'Käufer & Co.' })).json.data.attributes.role).toBe('ROLE_FRONTEND_KAUFER_CO');

    expect((await post('customeruserroles', { label: 'ab' })).json.errors[0].source.pointer).toBe('/data/attributes/label');
    expect((await post('customeruserroles', {})).json.errors[0].source.pointer).toBe('/data/attributes/label');
  });

  it('validates permissions and replaces them as a whole set', async () => {
    const role = (await post('customeruserroles', { label: 'Auditor', permissions: [{ entity: 'orders', permission: 'VIEW', accessLevel: 'corporate' }] })).json.data;
    expect(role.attributes.permissions).toEqual([{ entity: 'orders', permission: 'VIEW', accessLevel: 'corporate' }]);
    for (const permissions of [
      [{ entity: 'products', permission: 'VIEW', accessLevel: 'full' }],
      [{ entity: 'orders', permission: 'PRINT', accessLevel: 'user' }],
      [{ entity: 'customers', permission: 'VIEW', accessLevel: 'user' }],
      [{ entity: 'orders', permission: 'VIEW', accessLevel: 'user' }, { entity: 'orders', permission: 'VIEW', accessLevel: 'corporate' }],
      [{ entity: 'orders', permission: 'VIEW' }],
      { entity: 'orders' },
    ]) {
      const refused = await patch('customeruserroles', role.id, { permissions });
      expect([refused.status, refused.json.errors[0].source.pointer]).toEqual([400, '/data/attributes/permissions']);
    }
    const levelError = await patch('customeruserroles', role.id, { permissions: [{ entity: 'customers', permission: 'VIEW', accessLevel: 'user' }] });
    expect(levelError.json.errors[0].detail).toBe('The access level "user" is not available for customers; choose one of none, department, corporate.');

    const replaced = await patch('customeruserroles', role.id, {
      permissions: [
        { entity: 'customers', permission: 'EDIT', accessLevel: 'department' },
        { entity: 'customers', permission: 'VIEW', accessLevel: 'corporate' },
      ],
    });
    expect(replaced.json.data.attributes.permissions).toEqual([
      { entity: 'customers', permission: 'VIEW', accessLevel: 'corporate' },
      { entity: 'customers', permission: 'EDIT', accessLevel: 'department' },
    ]);
    expect((await patch('customeruserroles', role.id, { label: 'Auditors' })).json.data.attributes.permissions).toHaveLength(2);
    expect((await patch('customeruserroles', role.id, { permissions: [] })).json.data.attributes.permissions).toEqual([]);
  });

  it('holds only its customer’s users, drops the others when its customer changes, and never strands a user', async () => {
    const ann = await newUser(acme, [buyer], 'Ann');
    const gus = await newUser(globex, [buyer], 'Gus');
    const role = (await post('customeruserroles', { label: 'Shared' }, { customerUsers: users(ann, gus) })).json.data;
    expect(role.relationships.customerUsers.data).toEqual(users(ann, gus).data);

    // Becoming Acme's role drops Globex's user (who keeps Buyer).
    const narrowed = await patch('customeruserroles', role.id, {}, { customer: ref('customers', acme) });
    expect(narrowed.status).toBe(200);
    expect(narrowed.json.data.relationships.customerUsers.data).toEqual(users(ann).data);
    const stranger = await patch('customeruserroles', role.id, {}, { customerUsers: users(ann, gus) });
    expect(stranger.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/relationships/customerUsers/data' } });
    expect(stranger.json.errors[0].detail).toBe('The customer user "Gus Lee" does not belong to the role\'s customer.');

    // Ann's only other role is Buyer: taking Buyer away leaves her this one; taking this one too is refused.
    const buyerUsers = `/admin/api/customeruserroles/${buyer}/relationships/customerUsers`;
    expect((await api(app.state.t, app.state.admin, 'DELETE', buyerUsers, users(ann))).status).toBe(204);
    const last = await patch('customeruserroles', role.id, {}, { customerUsers: users() });
    expect(last.json.errors[0]).toMatchObject({ status: '400', detail: 'You cannot remove last role from Ann Lee', source: { pointer: '/data/relationships/customerUsers/data' } });
    const lastByRoute = await api(app.state.t, app.state.admin, 'DELETE', `/admin/api/customeruserroles/${role.id}/relationships/customerUsers`, users(ann));
    expect(lastByRoute.status).toBe(400);
    expect((await get(`/admin/api/customerusers/${ann}`)).json.data.relationships.roles.data).toEqual([{ type: 'customeruserroles', id: role.id }]);

    // A disabled user may be left without a role.
    expect((await patch('customerusers', ann, { enabled: false })).status).toBe(200);
    expect((await patch('customeruserroles', role.id, {}, { customerUsers: users() })).status).toBe(200);
  });

  it('refuses to delete the registration and guest roles and roles with users; deletes others with their permissions', async () => {
    const anonymous = (await get('/admin/api/customeruserroles?filter[role]=ROLE_FRONTEND_ANONYMOUS')).json.data[0].id;
    const buyerDelete = await remove('customeruserroles', buyer);
    expect(buyerDelete.status).toBe(409);
    expect(buyerDelete.json.errors[0].detail).toBe('The role "Buyer" cannot be deleted: it is the default role of registered customer users.');
    expect((await remove('customeruserroles', anonymous)).json.errors[0].detail).toContain('guests');

    const used = (await post('customeruserroles', { label: 'Used' })).json.data.id;
    await newUser(acme, [used]);
    expect((await remove('customeruserroles', used)).json.errors[0]).toMatchObject({
      status: '409',
      detail: 'The role "Used" cannot be deleted: it is assigned to 1 customer user.',
    });

    const unused = (await post('customeruserroles', { label: 'Unused', permissions: [{ entity: 'orders', permission: 'VIEW', accessLevel: 'user' }] })).json.data.id;
    expect((await remove('customeruserroles', unused)).status).toBe(204);
    expect((await sql(`SELECT count(*)::int AS n FROM commerce.customer_user_role_permission WHERE role_id = $1`, [unused]))[0].n).toBe(0);
  });

  it('keeps organizations apart', async () => {
    const role = (await post('customeruserroles', { label: 'Acme only' })).json.data.id;
    expect((await get(`/admin/api/customeruserroles/${role}`, betaAdmin)).status).toBe(404);
    const betaRoles = (await get('/admin/api/customeruserroles?page[size]=-1', betaAdmin)).json.data;
    expect(betaRoles.map((r: { attributes: { role: string } }) => r.attributes.role).sort()).toEqual([
      'ROLE_FRONTEND_ADMINISTRATOR',
      'ROLE_FRONTEND_ANONYMOUS',
      'ROLE_FRONTEND_BUYER',
    ]);
    // The same label is free in another organization; Acme's customer cannot be linked from Beta.
    expect((await post('customeruserroles', { label: 'Acme only' }, {}, betaAdmin)).status).toBe(201);
    expect((await post('customeruserroles', { label: 'Linked' }, { customer: ref('customers', acme) }, betaAdmin)).status).toBe(400);
    expect((await remove('customeruserroles', role, betaAdmin)).status).toBe(404);
  });
});
