import { api } from '../identity/auth-helpers';
import { useCrmApp } from './use-crm-app';

/**
 * Oro's own functional API tests replayed through HTTP against the CRM module: request, status, title, detail,
 * pointer and the shape of the answer. Each case names the test it follows (repository, path, test name).
 */
describe('Oro conformance: CRM', () => {
  const crm = useCrmApp();
  const { get, post, patch, ref } = crm;
  const relationshipRoute = (type: string, id: string, name: string, data: unknown, method: 'PATCH' | 'POST' | 'DELETE' = 'PATCH') =>
    api(crm.state.t, crm.state.admin, method, `/admin/api/${type}/${id}/relationships/${name}`, { data });
  const status = (id: string) => ({ status: ref('opportunitystatuses', id) });
  let account1: string;
  let account2: string;
  let b2bCustomer1: string;
  let b2bCustomer2: string;
  let opportunity1: string;
  let lead1: string;

  beforeAll(async () => {
    account1 = (await post('accounts', { name: 'Account 1' })).json.data.id;
    account2 = (await post('accounts', { name: 'Account 2' })).json.data.id;
    const channel = (await post('channels', { name: 'Sales', channelType: 'b2b' })).json.data.id;
    const b2b = (name: string, account: string) => post('b2bcustomers', { name }, { account: ref('accounts', account), channel: ref('channels', channel) });
    b2bCustomer1 = (await b2b('B2B Customer 1', account1)).json.data.id;
    b2bCustomer2 = (await b2b('B2B Customer 2', account2)).json.data.id;
    lead1 = (await post('leads', { name: 'Lead 1' }, { account: ref('accounts', account1) })).json.data.id;
    opportunity1 = (
      await post('opportunities', { name: 'Opportunity 1', probability: 1, budgetAmountValue: '50', budgetAmountCurrency: 'USD', closeRevenueValue: '100', closeRevenueCurrency: 'USD', closeDate: '2017-01-01' }, {
        ...status('won'),
        closeReason: ref('opportunityclosereasons', 'cancelled'),
        lead: ref('leads', lead1),
        customer: ref('b2bcustomers', b2bCustomer1),
      })
    ).json.data.id;
  });

  describe('opportunities', () => {
    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testCreate (requests/create_opportunity.yml → responses/create_opportunity.yml)
    it('creates one in Oro\'s shape: status and close reason as dictionary relationships, …Value/…Currency amounts, a fraction', async () => {
      const created = await post(
        'opportunities',
        { name: 'New Opportunity', closeDate: null, probability: 1, budgetAmountCurrency: 'USD', budgetAmountValue: '50.0000', closeRevenueCurrency: 'USD', closeRevenueValue: '100.0000', customerNeed: null, proposedSolution: null, notes: null },
        { closeReason: { data: null }, contact: { data: null }, lead: ref('leads', lead1), ...status('lost'), account: { data: null }, customer: ref('b2bcustomers', b2bCustomer1) },
      );
      expect(created.status).toBe(201);
      expect(created.json.data.attributes).toMatchObject({
        name: 'New Opportunity',
        probability: '1.0000',
        budgetAmountCurrency: 'USD',
        budgetAmountValue: '50.0000',
        closeRevenueCurrency: 'USD',
        closeRevenueValue: '100.0000',
      });
      expect(created.json.data.relationships).toMatchObject({
        closeReason: { data: null },
        lead: { data: { type: 'leads', id: lead1 } },
        status: { data: { type: 'opportunitystatuses', id: 'lost' } },
        account: { data: { type: 'accounts', id: account1 } },
        customer: { data: { type: 'b2bcustomers', id: b2bCustomer1 } },
      });
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testGet (responses/get_opportunity.yml)
    it('reads one with its close reason, status, account and customer', async () => {
      const { json } = await get(`/admin/api/opportunities/${opportunity1}`);
      expect(json.data.attributes).toMatchObject({ name: 'Opportunity 1', closeDate: '2017-01-01', probability: '1.0000', budgetAmountValue: '50.0000', closeRevenueValue: '100.0000' });
      expect(json.data.relationships).toMatchObject({
        closeReason: { data: { type: 'opportunityclosereasons', id: 'cancelled' } },
        status: { data: { type: 'opportunitystatuses', id: 'won' } },
        account: { data: { type: 'accounts', id: account1 } },
        customer: { data: { type: 'b2bcustomers', id: b2bCustomer1 } },
      });
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testGetList, data set "filter by status" (responses/cget_opportunity_filter_by_status.yml)
    it('filters by status', async () => {
      const { json } = await get('/admin/api/opportunities?filter[status]=won');
      expect(json.data.map((o: { id: string }) => o.id)).toEqual([opportunity1]);
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testGetList, "fields and include filters for customer association"
    it('includes the account and the customer', async () => {
      const { json } = await get(`/admin/api/opportunities?filter[id]=${opportunity1}&fields[opportunities]=account,customer&include=account,customer`);
      expect(Object.keys(json.data[0].relationships).sort()).toEqual(['account', 'customer']);
      expect(json.included.map((r: { type: string; id: string }) => `${r.type}:${r.id}`).sort()).toEqual([`accounts:${account1}`, `b2bcustomers:${b2bCustomer1}`]);
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testGetCustomerRelationship, testGetCustomerSubresource
    it('serves the customer relationship and subresource', async () => {
      expect((await get(`/admin/api/opportunities/${opportunity1}/relationships/customer`)).json).toEqual({ data: { type: 'b2bcustomers', id: b2bCustomer1 } });
      const related = await get(`/admin/api/opportunities/${opportunity1}/customer`);
      expect(related.json.data).toMatchObject({ type: 'b2bcustomers', id: b2bCustomer1, attributes: { name: 'B2B Customer 1' } });
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testTryToCreateWithNegativeProbability, testTryToCreateWithProbabilityGreaterThan100Percent
    it.each([-0.01, 1.01])('refuses a probability of %p with the range constraint', async (probability) => {
      const response = await post('opportunities', { name: 'New Opportunity', probability }, { ...status('lost'), account: ref('accounts', account2) });
      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([
        { status: '400', title: 'range constraint', detail: 'This value should be between 0% and 100%.', source: { pointer: '/data/attributes/probability' } },
      ]);
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testTryToCreateWithoutAccountAndCustomer (requests/create_opportunity_no_account_and_customer.yml)
    it('refuses one without an account and a customer', async () => {
      const response = await post('opportunities', { name: 'New Opportunity' }, status('lost'));
      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([{ status: '400', title: 'form constraint', detail: 'Either an account or a customer should be set.' }]);
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testTryToCreateWithInconsistentCustomer, testTryToUpdateWithInconsistentCustomer
    it('refuses a customer that is not a part of the account', async () => {
      const expected = [{ status: '400', title: 'form constraint', detail: 'The customer should be a part of the specified account.', source: { pointer: '/data/relationships/customer/data' } }];
      const created = await post('opportunities', { name: 'New Opportunity' }, { ...status('lost'), account: ref('accounts', account2), customer: ref('b2bcustomers', b2bCustomer1) });
      expect([created.status, created.json.errors]).toEqual([400, expected]);
      const updated = await patch('opportunities', opportunity1, {}, { account: ref('accounts', account2), customer: ref('b2bcustomers', b2bCustomer1) });
      expect([updated.status, updated.json.errors]).toEqual([400, expected]);
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testCreateWithConsistentCustomer
    it('takes a customer with its own account', async () => {
      const created = await post('opportunities', { name: 'New Opportunity' }, { ...status('lost'), account: ref('accounts', account2), customer: ref('b2bcustomers', b2bCustomer2) });
      expect(created.status).toBe(201);
      expect(created.json.data.relationships).toMatchObject({ account: { data: { id: account2 } }, customer: { data: { type: 'b2bcustomers', id: b2bCustomer2 } } });
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testUpdateAccount (responses/update_opportunity_account.yml), testUpdateCustomer
    it('moves to an account (no customer then) and to a customer (its account then)', async () => {
      const id = (await post('opportunities', { name: 'Mover' }, { customer: ref('b2bcustomers', b2bCustomer1) })).json.data.id;
      const onAccount = await patch('opportunities', id, {}, { account: ref('accounts', account2) });
      expect(onAccount.json.data.relationships).toMatchObject({ account: { data: { type: 'accounts', id: account2 } }, customer: { data: null } });
      const onCustomer = await patch('opportunities', id, {}, { customer: ref('b2bcustomers', b2bCustomer2) });
      expect(onCustomer.json.data.relationships).toMatchObject({ account: { data: { type: 'accounts', id: account2 } }, customer: { data: { type: 'b2bcustomers', id: b2bCustomer2 } } });
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testUpdateAccountAsRelationship, testUpdateCustomerAsRelationship
    it('changes the account and the customer through their relationship routes', async () => {
      const id = (await post('opportunities', { name: 'Routed' }, { account: ref('accounts', account1) })).json.data.id;
      expect((await relationshipRoute('opportunities', id, 'customer', { type: 'b2bcustomers', id: b2bCustomer2 })).status).toBe(204);
      expect((await get(`/admin/api/opportunities/${id}`)).json.data.relationships.account.data.id).toBe(account2);
      expect((await relationshipRoute('opportunities', id, 'account', { type: 'accounts', id: account1 })).status).toBe(204);
      expect((await get(`/admin/api/opportunities/${id}`)).json.data.relationships.customer.data).toBeNull();
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/OpportunityTest.php::testTryToUpdateAccountAsRelationshipWithNullValue, testTryToUpdateCustomerAsRelationshipWithNullValue
    it.each(['account', 'customer'])('refuses a null %s on its relationship route', async (name) => {
      const response = await relationshipRoute('opportunities', opportunity1, name, null);
      expect(response.status).toBe(400);
      expect(response.json.errors[0]).toMatchObject({ status: '400', title: 'not null constraint', detail: 'This value should not be null.' });
    });
  });

  describe('leads', () => {
    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/LeadTest.php::testCreateWithoutAccountAndCustomer (responses/create_lead_no_account_and_customer.yml)
    it('creates one without account and customer, with the default status', async () => {
      const created = await post('leads', { name: 'New Lead' });
      expect(created.status).toBe(201);
      expect(created.json.data.attributes).toMatchObject({ name: 'New Lead', primaryEmail: null, primaryPhone: null, emails: [], phones: [] });
      expect(created.json.data.relationships).toMatchObject({ status: { data: { type: 'leadstatuses', id: 'new' } }, account: { data: null }, customer: { data: null } });
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/LeadTest.php::testTryToCreateWithNullStatus, testTryToUpdateWithNullStatus
    it('refuses a null status', async () => {
      const expected = [{ status: '400', title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/relationships/status/data' } }];
      const created = await post('leads', { name: 'New Lead' }, { status: { data: null } });
      expect([created.status, created.json.errors]).toEqual([400, expected]);
      const updated = await patch('leads', lead1, {}, { status: { data: null } });
      expect([updated.status, updated.json.errors]).toEqual([400, expected]);
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/LeadTest.php::testTryToCreateWithInconsistentCustomer, testCreateWithConsistentCustomer
    it('takes a customer of its account and refuses one of another account', async () => {
      const refused = await post('leads', { name: 'New Lead' }, { account: ref('accounts', account2), customer: ref('b2bcustomers', b2bCustomer1) });
      expect(refused.json.errors).toEqual([
        { status: '400', title: 'form constraint', detail: 'The customer should be a part of the specified account.', source: { pointer: '/data/relationships/customer/data' } },
      ]);
      const created = await post('leads', { name: 'New Lead' }, { account: ref('accounts', account1), customer: ref('b2bcustomers', b2bCustomer1) });
      expect(created.json.data.relationships).toMatchObject({ account: { data: { id: account1 } }, customer: { data: { type: 'b2bcustomers', id: b2bCustomer1 } } });
    });

    // oroinc/crm src/Oro/Bundle/SalesBundle/Tests/Functional/Api/RestJsonApi/LeadTest.php::testGetList, data set "filter by status" (responses/cget_lead_filter_by_status.yml)
    it('filters by status', async () => {
      const id = (await post('leads', { name: 'Qualified lead' }, { status: ref('leadstatuses', 'qualified') })).json.data.id;
      const { json } = await get('/admin/api/leads?filter[status]=qualified');
      expect(json.data.map((l: { id: string }) => l.id)).toContain(id);
      expect(json.data.every((l: { relationships: { status: { data: { id: string } } } }) => l.relationships.status.data.id === 'qualified')).toBe(true);
    });
  });

  describe('contacts', () => {
    // oroinc/crm src/Oro/Bundle/ContactBundle/Tests/Functional/Api/RestJsonApi/ContactTest.php::testGetListFilteredByEmail,
    // testGetListFilteredByPrimaryEmail, testGetListWithPrimaryEmailAndEmailsFieldsOnly
    it('filters by any e-mail and by the primary one', async () => {
      const contact1 = (await post('contacts', { firstName: 'Contact 1', emails: [{ email: 'contact1_1@example.com' }, { email: 'contact1_2@example.com' }], primaryEmail: 'contact1_2@example.com' })).json
        .data.id;
      await post('contacts', { firstName: 'Contact 2' });
      const ids = async (query: string) => (await get(`/admin/api/contacts?${query}`)).json.data.map((c: { id: string }) => c.id);
      expect(await ids('filter[emails]=contact1_1@example.com')).toEqual([contact1]);
      expect(await ids('filter[primaryEmail]=contact1_2@example.com')).toEqual([contact1]);
      expect(await ids('filter[primaryEmail]=contact1_1@example.com')).toEqual([]);
      const fields = (await get(`/admin/api/contacts/${contact1}?fields[contacts]=primaryEmail,emails`)).json.data.attributes;
      expect(fields.primaryEmail).toBe('contact1_2@example.com');
      expect(fields.emails.map((e: { email: string }) => e.email)).toEqual(['contact1_1@example.com', 'contact1_2@example.com']);
    });

    // oroinc/crm src/Oro/Bundle/ContactBundle/Tests/Functional/Api/RestJsonApi/ContactTest.php::testUpdateBirthday
    it('records who changed a contact last (updatedBy)', async () => {
      const id = (await post('contacts', { firstName: 'Born' })).json.data.id;
      const updated = await patch('contacts', id, { birthday: '1995-05-25' });
      expect(updated.json.data.attributes.birthday).toBe('1995-05-25');
      expect(updated.json.data.relationships.updatedBy.data).toEqual({ type: 'users', id: crm.state.ids.adminA });
    });

    it('filters by any phone', async () => {
      const id = (await post('contacts', { firstName: 'Phoned', phones: [{ phone: '5556661111' }, { phone: '5556661112' }], primaryPhone: '5556661112' })).json.data.id;
      expect((await get('/admin/api/contacts?filter[phones]=5556661111')).json.data.map((c: { id: string }) => c.id)).toEqual([id]);
    });

    // oroinc/platform src/Oro/Bundle/AddressBundle/Tests/Functional/Api/RestJsonApi/PrimaryEmailTestTrait.php (used by ContactTest):
    // testCreateWithPrimaryEmail, testUpdatePrimaryEmailWhenItExistsInEmails, testUpdatePrimaryEmailWhenItDoesNotExistInEmails
    it('sets the primary e-mail: creating with it alone, switching to another one, adding a new one', async () => {
      const created = await post('contacts', { firstName: 'Primary', primaryEmail: 'primary@example.com' });
      expect(created.status).toBe(201);
      expect(created.json.data.attributes.emails).toEqual([{ email: 'primary@example.com', primary: true }]);
      const id = created.json.data.id;
      await patch('contacts', id, { emails: [{ email: 'primary@example.com' }, { email: 'another@example.com' }] });
      const switched = await patch('contacts', id, { primaryEmail: 'another@example.com' });
      expect(switched.json.data.attributes).toMatchObject({ primaryEmail: 'another@example.com' });
      const added = await patch('contacts', id, { primaryEmail: 'third@example.com' });
      expect(added.json.data.attributes.emails.map((e: { email: string }) => e.email)).toEqual(['primary@example.com', 'another@example.com', 'third@example.com']);
      expect(added.json.data.attributes.primaryEmail).toBe('third@example.com');
    });

    // PrimaryEmailTestTrait.php::testTryToCreateWithEmailsButWithoutPrimaryEmail, testTryToUpdatePrimaryEmailToNull,
    // testTryToUpdateEmailsWhenExistingPrimaryEmailDoesNotExistInNewEmails
    it('refuses e-mails without a primary one (contains primary constraint)', async () => {
      const containsPrimary = { status: '400', title: 'contains primary constraint', detail: 'One of the emails must be set as primary.', source: { pointer: '/data/attributes/emails' } };
      const created = await post('contacts', { firstName: 'No primary', emails: [{ email: 'email1@example.com' }, { email: 'email2@example.com' }] });
      expect([created.status, created.json.errors]).toEqual([400, [containsPrimary]]);
      const id = (await post('contacts', { firstName: 'Has primary', primaryEmail: 'primary@example.com' })).json.data.id;
      const nulled = await patch('contacts', id, { primaryEmail: null });
      expect([nulled.status, nulled.json.errors]).toEqual([400, [containsPrimary]]);
      const replaced = await patch('contacts', id, { emails: [{ email: 'email1@example.com' }, { email: 'email2@example.com' }] });
      expect([replaced.status, replaced.json.errors]).toEqual([400, [containsPrimary]]);
      // PrimaryEmailTestTrait.php::testUpdateEmailsWhenExistingPrimaryEmailExistsInSubmittedEmails, testUpdateEmailsToEmptyArray
      const kept = await patch('contacts', id, { emails: [{ email: 'primary@example.com' }, { email: 'another@example.com' }] });
      expect(kept.json.data.attributes.primaryEmail).toBe('primary@example.com');
      const emptied = await patch('contacts', id, { emails: [] });
      expect(emptied.json.data.attributes).toMatchObject({ primaryEmail: null, emails: [] });
    });

    // PrimaryEmailTestTrait.php::testTryToCreateWithPrimaryEmailAndEmailsWhenPrimaryEmailDoesNotExistInEmails
    it('refuses a primary e-mail missing from the e-mails sent with it', async () => {
      const response = await post('contacts', { firstName: 'Unknown', primaryEmail: 'primary@example.com', emails: [{ email: 'another@example.com' }] });
      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([
        { status: '400', title: 'contains primary constraint', detail: 'One of the emails must be set as primary.', source: { pointer: '/data/attributes/emails' } },
        { status: '400', title: 'primary item constraint', detail: 'Unknown primary email address.', source: { pointer: '/data/attributes/primaryEmail' } },
      ]);
    });
  });
});
