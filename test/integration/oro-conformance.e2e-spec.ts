import { api } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';

/**
 * Oro's own functional API tests replayed through HTTP against the combined product (CRM + Commerce + Integration):
 * request, status, title, detail, pointer and the shape of the answer. Each case names the test it follows; BR =
 * oroinc/orocommerce-orocrm src/Oro/Bridge, SALES = oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi.
 */
describe('Oro conformance: Integration', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, patch, ref } = app;
  const relationshipRoute = (method: 'PATCH' | 'POST' | 'DELETE', type: string, id: string, name: string, data: unknown) =>
    api(app.state.t, app.state.admin, method, `/admin/api/${type}/${id}/relationships/${name}`, { data });
  let account1: string;
  let customer1: string;
  let customer2: string;

  beforeAll(async () => {
    account1 = (await post('accounts', { name: 'Account 1' })).json.data.id;
    customer1 = (await post('customers', { name: 'Customer 1' }, { account: ref('accounts', account1) })).json.data.id;
    customer2 = (await post('customers', { name: 'Customer 2' }, { account: ref('accounts', account1) })).json.data.id;
  });

  // BR/CustomerSales/Tests/Functional/Api/RestJsonApi/CustomerAccountTest.php::testGetAccountWithIncludedCustomers
  it("reads an account with its customers included, each pointing back to it", async () => {
    const { json } = await get(`/admin/api/accounts/${account1}?include=customers&fields[accounts]=customers`);
    expect(json.data.relationships.customers.data).toEqual([
      { type: 'customers', id: customer1 },
      { type: 'customers', id: customer2 },
    ]);
    expect(json.included.map((c: { relationships: { account: unknown } }) => c.relationships.account)).toEqual([
      { data: { type: 'accounts', id: account1 } },
      { data: { type: 'accounts', id: account1 } },
    ]);
  });

  // BR/CustomerSales/.../CustomerAccountTest.php::testTryToUpdateRelationshipForAccountCustomers, testTryToAddRelationshipForAccountCustomers,
  // testTryToDeleteRelationshipForAccountCustomers
  it.each(['PATCH', 'POST', 'DELETE'] as const)('answers %s on accounts.customers with 405 and Allow: OPTIONS, GET', async (method) => {
    const response = await relationshipRoute(method, 'accounts', account1, 'customers', [{ type: 'customers', id: customer1 }]);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('OPTIONS, GET');
  });

  // BR/CustomerSales/.../CustomerAccountTest.php::testTryToUpdateCustomerAccountToNull
  it('refuses a customer without account', async () => {
    const response = await patch('customers', customer1, {}, { account: { data: null } });
    expect(response.json.errors).toEqual([
      { status: '400', title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/relationships/account/data' } },
    ]);
  });

  // BR/CustomerSales/.../CustomerAccountTest.php::testCreateCustomerWithoutAccount
  it('gives a customer created without account a new account of its own', async () => {
    const created = await post('customers', { name: 'New Customer' });
    expect(created.status).toBe(201);
    const account = created.json.data.relationships.account.data;
    expect(account).toMatchObject({ type: 'accounts' });
    expect((await get(`/admin/api/accounts/${account.id}`)).json.data.relationships.customers.data).toEqual([{ type: 'customers', id: created.json.data.id }]);
  });

  // BR/CustomerAccount/Tests/Functional/Api/RestJsonApi/CustomerTest.php::testUpdateShouldNotAcceptLifetimeAttribute
  it('refuses the hidden lifetime attribute', async () => {
    const response = await patch('customers', customer1, { lifetime: 1 });
    expect(response.json.errors).toEqual([
      { status: '400', title: 'extra fields constraint', detail: 'This form should not contain extra fields: "lifetime".', source: { pointer: '/data/attributes/lifetime' } },
    ]);
  });

  describe('opportunities and leads on commerce customers (one polymorphic customer relationship)', () => {
    // SALES/OpportunityTest.php::testCreateWithConsistentCustomer, with a commerce customer as Oro's bridge allows
    it('creates an opportunity for a commerce customer: the account is the customer\'s', async () => {
      const created = await post('opportunities', { name: 'New Opportunity' }, { status: ref('opportunitystatuses', 'lost'), account: { data: null }, customer: ref('customers', customer1) });
      expect(created.status).toBe(201);
      expect(created.json.data.relationships).toMatchObject({
        account: { data: { type: 'accounts', id: account1 } },
        customer: { data: { type: 'customers', id: customer1 } },
      });
      expect((await get(`/admin/api/opportunities/${created.json.data.id}/relationships/customer`)).json.data).toEqual({ type: 'customers', id: customer1 });
      const related = await get(`/admin/api/opportunities/${created.json.data.id}/customer`);
      expect(related.json.data).toMatchObject({ type: 'customers', id: customer1, attributes: { name: 'Customer 1' } });
      const included = await get(`/admin/api/opportunities/${created.json.data.id}?include=customer`);
      expect(included.json.included.map((r: { type: string; id: string }) => `${r.type}:${r.id}`)).toEqual([`customers:${customer1}`]);
    });

    // SALES/OpportunityTest.php::testTryToCreateWithInconsistentCustomer, with a commerce customer
    it('refuses a commerce customer that is not a part of the account', async () => {
      const other = (await post('accounts', { name: 'Other account' })).json.data.id;
      const response = await post('opportunities', { name: 'Mismatch' }, { account: ref('accounts', other), customer: ref('customers', customer1) });
      expect(response.json.errors).toEqual([
        { status: '400', title: 'form constraint', detail: 'The customer should be a part of the specified account.', source: { pointer: '/data/relationships/customer/data' } },
      ]);
    });

    // SALES/LeadTest.php::testUpdateCustomerAsRelationship, with a commerce customer; then back to a business customer
    it('moves a lead between a commerce customer and a business customer through the customer relationship route', async () => {
      const channel = (await post('channels', { name: 'Sales', channelType: 'b2b' })).json.data.id;
      const b2b = (await post('b2bcustomers', { name: 'B2B' }, { account: ref('accounts', account1), channel: ref('channels', channel) })).json.data.id;
      const lead = (await post('leads', { name: 'Lead' }, { customer: ref('b2bcustomers', b2b) })).json.data.id;
      expect((await relationshipRoute('PATCH', 'leads', lead, 'customer', { type: 'customers', id: customer2 })).status).toBe(204);
      expect((await get(`/admin/api/leads/${lead}`)).json.data.relationships.customer.data).toEqual({ type: 'customers', id: customer2 });
      expect((await relationshipRoute('PATCH', 'leads', lead, 'customer', { type: 'b2bcustomers', id: b2b })).status).toBe(204);
      expect((await get(`/admin/api/leads/${lead}`)).json.data.relationships.customer.data).toEqual({ type: 'b2bcustomers', id: b2b });
      // SALES/LeadTest.php::testTryToUpdateCustomerAsRelationshipWithNullValue
      const nulled = await relationshipRoute('PATCH', 'leads', lead, 'customer', null);
      expect(nulled.json.errors[0]).toMatchObject({ status: '400', title: 'not null constraint', detail: 'This value should not be null.' });
    });

    it('refuses a customer of another type than the relationship takes', async () => {
      const response = await post('opportunities', { name: 'Wrong type' }, { customer: ref('accounts', account1) });
      expect(response.status).toBe(400);
      expect(response.json.errors[0]).toMatchObject({ title: 'entity type constraint', source: { pointer: '/data/relationships/customer/data' } });
    });
  });
});
