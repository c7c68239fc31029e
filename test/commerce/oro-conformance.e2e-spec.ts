import { api } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';

/**
 * Oro's own functional API tests replayed through HTTP against the Commerce module: request, status, title, detail,
 * pointer and the shape of the answer. Each case names the test it follows; CP = oroinc/customer-portal
 * src/Oro/Bundle/CustomerBundle/Tests/Functional/Api/RestJsonApi.
 */
describe('Oro conformance: Commerce', () => {
  const app = useApp(['commerce']);
  const { get, post, patch, ref } = app;
  const relationshipRoute = (method: 'PATCH' | 'POST' | 'DELETE', type: string, id: string, name: string, data: unknown) =>
    api(app.state.t, app.state.admin, method, `/admin/api/${type}/${id}/relationships/${name}`, { data });
  let buyer: string;
  let emails = 0;
  const newCustomer = async (name: string, relationships: object = {}) => (await post('customers', { name }, relationships)).json.data.id as string;
  const newUser = async (customer: string) =>
    (await post('customerusers', { email: `user${++emails}@oroinc.com`, firstName: 'Ann', lastName: 'Lee' }, { customer: ref('customers', customer), roles: { data: [{ type: 'customeruserroles', id: buyer }] } }))
      .json.data.id as string;
  const userIds = async (customer: string) => (await get(`/admin/api/customers/${customer}/relationships/users`)).json.data.map((u: { id: string }) => u.id);

  beforeAll(async () => {
    buyer = (await get('/admin/api/customeruserroles?filter[role]=ROLE_FRONTEND_BUYER')).json.data[0].id;
  });

  describe('customers', () => {
    // CP/CustomerTest.php::testTryToSetCirculiarParent, testTryToSetCirculiarChild
    it('refuses a circular hierarchy with the circular customer reference constraint', async () => {
      const parent = await newCustomer('customer.1');
      const child = await newCustomer('customer.1.1', { parent: ref('customers', parent) });
      const asParent = await patch('customers', parent, {}, { parent: ref('customers', child) });
      expect(asParent.json.errors).toEqual([
        {
          status: '400',
          title: 'circular customer reference constraint',
          detail: "Circular reference detected. 'customer.1.1' cannot be a parent of 'customer.1' because it is its child.",
          source: { pointer: '/data/relationships/parent/data' },
        },
      ]);
      const asChild = await patch('customers', child, {}, { children: { data: [{ type: 'customers', id: parent }] } });
      expect(asChild.json.errors).toEqual([
        {
          status: '400',
          title: 'circular customer reference constraint',
          detail: "Circular reference detected. 'customer.1' cannot be a child of 'customer.1.1' because it is its parent.",
          source: { pointer: '/data/relationships/children/data' },
        },
      ]);
    });

    // CP/CustomerTest.php::testAddRelationshipForUsers
    it('adds users through the users relationship route', async () => {
      const customer = await newCustomer('new customer');
      const user1 = await newUser(customer);
      const user2 = await newUser(await newCustomer('elsewhere'));
      expect((await relationshipRoute('POST', 'customers', customer, 'users', [{ type: 'customerusers', id: user2 }])).status).toBe(204);
      expect((await userIds(customer)).sort()).toEqual([user1, user2].sort());
      expect((await get(`/admin/api/customerusers/${user2}`)).json.data.relationships.customer.data).toEqual({ type: 'customers', id: customer });
    });

    // CP/CustomerTest.php::testUpdateRelationshipForUsers
    it('replaces the users of a customer without users through the users relationship route', async () => {
      const customer = await newCustomer('new customer');
      const user2 = await newUser(await newCustomer('elsewhere'));
      expect((await relationshipRoute('PATCH', 'customers', customer, 'users', [{ type: 'customerusers', id: user2 }])).status).toBe(204);
      expect(await userIds(customer)).toEqual([user2]);
    });

    // CP/CustomerTest.php::testDeleteRelationshipForUsers — a deliberate difference (commerce README): a customer user
    // always has a customer, so removing one from its customer is refused instead of leaving it without one.
    it('refuses to leave a user without a customer through the users relationship route', async () => {
      const customer = await newCustomer('new customer');
      const user1 = await newUser(customer);
      const response = await relationshipRoute('DELETE', 'customers', customer, 'users', [{ type: 'customerusers', id: user1 }]);
      expect(response.status).toBe(400);
      expect(response.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/relationships/users/data' } });
      expect(await userIds(customer)).toEqual([user1]);
    });

    // CP/CustomerTest.php::testGetSubresourceForInternalRating (the rating carries Oro's enum fields)
    it('serves ratings with name, priority and default', async () => {
      const customer = await newCustomer('rated', { internal_rating: ref('customerratings', '2_of_5') });
      const rating = await get(`/admin/api/customers/${customer}/internal_rating`);
      expect(rating.json.data).toMatchObject({ type: 'customerratings', id: '2_of_5', attributes: { name: '2 of 5', priority: 2, default: false } });
    });
  });

  describe('customer users', () => {
    // CP/CustomerUserTest.php (duplicate e-mail): title unique customer user name and email constraint
    it('refuses an e-mail already used', async () => {
      const customer = await newCustomer('mail');
      await post('customerusers', { email: 'taken@oroinc.com', firstName: 'A', lastName: 'B' }, { customer: ref('customers', customer), roles: { data: [{ type: 'customeruserroles', id: buyer }] } });
      const response = await post('customerusers', { email: 'taken@oroinc.com', firstName: 'C', lastName: 'D' }, { customer: ref('customers', customer), roles: { data: [{ type: 'customeruserroles', id: buyer }] } });
      expect(response.json.errors).toEqual([
        { status: '400', title: 'unique customer user name and email constraint', detail: 'This email is already used.', source: { pointer: '/data/attributes/email' } },
      ]);
    });

    // CP/CustomerUserTest.php::testCreateWithRequiredDataOnly (create_customer_user_min.yml): the default role, Buyer
    it('creates a customer user from the required data only, with the Buyer role', async () => {
      const customer = await newCustomer('roles');
      const response = await post('customerusers', { email: 'norole@oroinc.com', firstName: 'Bob', lastName: 'Doo' }, { customer: ref('customers', customer) });
      expect(response.status).toBe(201);
      expect(response.json.data).toMatchObject({
        attributes: { email: 'norole@oroinc.com', firstName: 'Bob', lastName: 'Doo', enabled: true, confirmed: true },
        relationships: { customer: ref('customers', customer), userRoles: { data: [{ type: 'customeruserroles', id: buyer }] } },
      });
    });

    // CP/CustomerUserTest.php (enabled user without roles): customer user check role constraint
    it('refuses an enabled user whose roles are emptied', async () => {
      const customer = await newCustomer('roles2');
      const response = await post('customerusers', { email: 'norole2@oroinc.com', firstName: 'A', lastName: 'B' }, { customer: ref('customers', customer), userRoles: { data: [] } });
      expect(response.status).toBe(400);
      expect(response.json.errors[0]).toMatchObject({
        title: 'customer user check role constraint',
        detail: 'Please select at least one role before you enable the customer user',
        source: { pointer: '/data/relationships/userRoles/data' },
      });
    });

    // CP/CustomerUserTest.php::testUpdateRelationshipForRoles / testAddRelationshipForRoles (Oro ≥ 5.0: userRoles)
    it('changes roles through the userRoles relationship routes, and keeps roles as an alias', async () => {
      const customer = await newCustomer('roles3');
      const created = await post('customerusers', { email: 'routes@oroinc.com', firstName: 'A', lastName: 'B' }, { customer: ref('customers', customer) });
      const id = created.json.data.id;
      const administrator = (await get('/admin/api/customeruserroles?filter[role]=ROLE_FRONTEND_ADMINISTRATOR')).json.data[0].id;
      expect((await relationshipRoute('POST', 'customerusers', id, 'userRoles', [{ type: 'customeruserroles', id: administrator }])).status).toBe(204);
      const both = (await get(`/admin/api/customerusers/${id}/relationships/userRoles`)).json.data.map((r: { id: string }) => r.id);
      expect(both.sort()).toEqual([buyer, administrator].sort());
      expect((await relationshipRoute('PATCH', 'customerusers', id, 'userRoles', [{ type: 'customeruserroles', id: buyer }])).status).toBe(204);
      expect((await get(`/admin/api/customerusers/${id}/relationships/roles`)).json.data).toEqual([{ type: 'customeruserroles', id: buyer }]);
      const twice = await post('customerusers', { email: 'both@oroinc.com', firstName: 'A', lastName: 'B' }, { customer: ref('customers', customer), roles: { data: [] }, userRoles: { data: [] } });
      expect(twice.status).toBe(400);
    });
  });

  describe('customer user roles', () => {
    // CP/CustomerUserRoleTest.php::testCreate
    it('creates a role from its label alone', async () => {
      const created = await post('customeruserroles', { label: 'New Role' });
      expect(created.status).toBe(201);
      expect(created.json.data.attributes).toMatchObject({ label: 'New Role', role: 'ROLE_FRONTEND_NEW_ROLE' });
    });

    // CP/CustomerUserRoleTest.php::testCreateWithCode, testCreateWithPrefixedCode
    it.each(['new 1', 'ROLE_FRONTEND_NEW_1'])('creates a role with the code %p: prefixed, with a suffix', async (role) => {
      const created = await post('customeruserroles', { role, label: `Coded ${role}` });
      expect(created.status).toBe(201);
      expect(created.json.data.attributes.role).toMatch(/^ROLE_FRONTEND_NEW_1_[0-9A-F]+$/);
    });

    // CP/CustomerUserRoleTest.php::testChangeCode, testTryToSetCodeToNull
    it('changes the code, and refuses a null one', async () => {
      const id = (await post('customeruserroles', { label: 'Role 1' })).json.data.id;
      const changed = await patch('customeruserroles', id, { role: 'UPDATED1' });
      expect(changed.json.data.attributes.role).toMatch(/^ROLE_FRONTEND_UPDATED1_/);
      const nulled = await patch('customeruserroles', id, { role: null });
      expect(nulled.json.errors).toEqual([{ status: '400', title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/attributes/role' } }]);
    });

    // CP/CustomerUserRoleTest.php::testTryToCreateWithoutLabel
    it('refuses a role without label', async () => {
      const response = await api(app.state.t, app.state.admin, 'POST', '/admin/api/customeruserroles', { data: { type: 'customeruserroles' } });
      expect(response.json.errors).toEqual([{ status: '400', title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/attributes/label' } }]);
    });
  });

  describe('addresses', () => {
    // CP/CustomerAddressTest.php::testTryToCreateWithRequiredDataOnlyAndWithoutOrganizationAndFirstNameAndLastName
    it('refuses an address without a name and an organization (name or organization constraint)', async () => {
      const customer = await newCustomer('addressed');
      const response = await post('customeraddresses', { street: 'Street 1', city: 'Los Angeles', postalCode: '90001', country: 'US', region: 'US-CA' }, { customer: ref('customers', customer) });
      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([
        { status: '400', title: 'name or organization constraint', detail: 'Organization or First Name and Last Name should not be blank.', source: { pointer: '/data/attributes/organization' } },
        { status: '400', title: 'name or organization constraint', detail: 'First Name and Last Name or Organization should not be blank.', source: { pointer: '/data/attributes/firstName' } },
        { status: '400', title: 'name or organization constraint', detail: 'Last Name and First Name or Organization should not be blank.', source: { pointer: '/data/attributes/lastName' } },
      ]);
    });

    // CP/CustomerAddressTest.php::testTryToCreateWithoutCustomer
    it('refuses an address without its customer', async () => {
      const response = await post('customeraddresses', { organization: 'Acme', street: 'Street 1', city: 'Los Angeles', postalCode: '90001', country: 'US' });
      expect(response.json.errors).toEqual([
        { status: '400', title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/relationships/customer/data' } },
      ]);
    });
  });
});
