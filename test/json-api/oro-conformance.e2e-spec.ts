import { api } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';

/**
 * The JSON:API engine against Oro's own functional API tests, replayed through HTTP: each case names the Oro test it
 * follows (repository, path, test) and checks the status, the error's title, detail and pointer, and the answer's
 * shape. Engine behaviour only; each module's own rules have their conformance files next to its tests.
 */
describe('Oro conformance of the JSON:API engine', () => {
  const app = useApp(['commerce']);
  const { sql, get, post } = app;
  const send = (method: 'POST' | 'PATCH', url: string, body: unknown) => api(app.state.t, app.state.admin, method, url, body);
  const customersCount = async () => (await sql(`SELECT count(*)::int AS n FROM commerce.customer`))[0].n as number;
  let buyerRole: string;

  beforeAll(async () => {
    const roles = await get('/admin/api/customeruserroles?page[size]=-1');
    buyerRole = roles.json.data.find((r: { attributes: { role: string } }) => r.attributes.role === 'ROLE_FRONTEND_BUYER').id;
  });

  const customerUser = (id: string, email: string, relationships: object = {}) => ({
    type: 'customerusers',
    id,
    attributes: { email, firstName: 'Ann', lastName: 'Buyer' },
    relationships: { roles: { data: [{ type: 'customeruserroles', id: buyerRole }] }, ...relationships },
  });
  const address = (id: string, relationships: object = {}) => ({
    type: 'customeraddresses',
    id,
    attributes: { street: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US', organization: 'Acme' },
    relationships,
  });

  describe('error titles of the engine’s own validations', () => {
    // oroinc/customer-portal src/Oro/Bundle/CustomerBundle/Tests/Functional/Api/RestJsonApi/CustomerTest.php
    // (testTryToCreateWithoutName: the required name) and Symfony's NotBlank message.
    it('answers a missing required value with "not blank constraint"', async () => {
      const { status, json } = await post('customers', {});
      expect(status).toBe(400);
      expect(json.errors).toEqual([{ status: '400', title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/attributes/name' } }]);
    });

    // oroinc/platform src/Oro/Bundle/ApiBundle/Tests/Functional/RestJsonApi/... files test (originalFilename) and
    // oroinc/crm ContactBundle/Tests/Functional/Api/RestJsonApi/ContactGroupTest.php::testTryToUpdateWithTooShortLabel.
    it('answers a too long value with "length constraint" and Symfony’s message', async () => {
      const { status, json } = await post('customers', { name: 'x'.repeat(256) });
      expect(status).toBe(400);
      expect(json.errors[0]).toEqual({
        status: '400',
        title: 'length constraint',
        detail: 'This value is too long. It should have 255 characters or less.',
        source: { pointer: '/data/attributes/name' },
      });
    });

    // oroinc/customer-portal CustomerBundle/Tests/Functional/Api/RestJsonApi/CustomerUserTest.php: a too short e-mail.
    it('answers a too short value with "length constraint"', async () => {
      const { json } = await send('POST', '/admin/api/customerusers', { data: { ...customerUser('x', 'a@b.c'), id: undefined } });
      expect(json.errors).toContainEqual({
        status: '400',
        title: 'length constraint',
        detail: 'This value is too short. It should have 6 characters or more.',
        source: { pointer: '/data/attributes/email' },
      });
    });

    // oroinc/orocommerce-orocrm src/Oro/Bridge/CustomerAccount/Tests/Functional/Api/RestJsonApi/CustomerTest.php:
    // the hidden `lifetime` field is refused as an extra field.
    it('answers an unknown field with "extra fields constraint"', async () => {
      const { status, json } = await post('customers', { name: 'Extra', lifetime: '1.0000' });
      expect(status).toBe(400);
      expect(json.errors).toEqual([
        { status: '400', title: 'extra fields constraint', detail: 'This form should not contain extra fields: "lifetime".', source: { pointer: '/data/attributes/lifetime' } },
      ]);
    });

    // oroinc/orocommerce OrderBundle/Tests/Functional/Api/RestJsonApi/OrderTest.php
    // (testTryToCreateWithNotExistingCustomerAddress…): "form constraint", "The entity does not exist.".
    it('answers a related record that does not exist with "form constraint" / "The entity does not exist."', async () => {
      const { status, json } = await post('customers', { name: 'Orphan' }, { group: { data: { type: 'customergroups', id: '999999' } } });
      expect(status).toBe(400);
      expect(json.errors).toEqual([{ status: '400', title: 'form constraint', detail: 'The entity does not exist.', source: { pointer: '/data/relationships/group/data' } }]);
      const rating = await post('customers', { name: 'Orphan' }, { internal_rating: { data: { type: 'customerratings', id: '9_of_5' } } });
      expect(rating.json.errors[0]).toMatchObject({ title: 'form constraint', detail: 'The entity does not exist.', source: { pointer: '/data/relationships/internal_rating/data' } });
    });

    // oroinc/orocommerce ProductBundle/Tests/Functional/Api/RestJsonApi/ProductUnitPrecisionTest.php
    // (testTryToCreateWithExistingProductUnit): a taken unique value is 400 "unique entity constraint".
    it('answers a taken unique value with 400 "unique entity constraint" at the attribute', async () => {
      expect((await post('customers', { name: 'First', externalId: 'ERP-UNIQUE' })).status).toBe(201);
      const { status, json } = await post('customers', { name: 'Second', externalId: 'ERP-UNIQUE' });
      expect(status).toBe(400);
      expect(json.errors).toEqual([
        { status: '400', title: 'unique entity constraint', detail: 'This value is already used.', source: { pointer: '/data/attributes/externalId' } },
      ]);
    });

    // oroinc/platform ApiBundle/Tests/Functional/RestJsonApi/GetWithFiltersTest.php and api/filters.rst.
    it('answers an unknown filter with "filter constraint" and an unknown sort field with "sort constraint"', async () => {
      const filter = await get('/admin/api/customers?filter[unknown]=1');
      expect(filter.status).toBe(400);
      expect(filter.json.errors).toEqual([{ status: '400', title: 'filter constraint', detail: 'Filter "filter[unknown]" is not supported.', source: { parameter: 'filter[unknown]' } }]);
      const sort = await get('/admin/api/customers?sort=unknown');
      expect(sort.json.errors).toEqual([{ status: '400', title: 'sort constraint', detail: 'Sorting by "unknown" field is not supported.', source: { parameter: 'sort' } }]);
      const page = await get('/admin/api/customers?page[number]=0');
      expect(page.json.errors[0]).toMatchObject({ status: '400', detail: 'The value should be greater than or equals to 1.', source: { parameter: 'page[number]' } });
    });
  });

  describe('compound documents on write', () => {
    // oroinc/platform src/Oro/Bundle/ApiBundle/Tests/Functional/RestJsonApi/CreateWithIncludedTest.php
    // (testCreateIncludedEntity, testCreateIncludedEntityWithInversedDependency): included records are created in the
    // same request, temporary ids resolved, the answer includes them with meta.includeId.
    it('creates a customer with its customer users and addresses in one request', async () => {
      const { status, json } = await send('POST', '/admin/api/customers', {
        data: {
          type: 'customers',
          id: 'new-customer',
          attributes: { name: 'Compound Ltd' },
          relationships: { users: { data: [{ type: 'customerusers', id: 'u1' }] } },
        },
        included: [
          customerUser('u1', 'ann@compound.test'),
          customerUser('u2', 'bob@compound.test', { customer: { data: { type: 'customers', id: 'new-customer' } } }),
          address('a1', { customer: { data: { type: 'customers', id: 'new-customer' } } }),
        ],
      });
      expect(status).toBe(201);
      const customerId = json.data.id;
      expect(customerId).toMatch(/^\d+$/);
      expect(json.data.attributes.name).toBe('Compound Ltd');
      expect(json.included.map((r: { type: string; meta: { includeId: string } }) => [r.type, r.meta.includeId])).toEqual([
        ['customerusers', 'u1'],
        ['customerusers', 'u2'],
        ['customeraddresses', 'a1'],
      ]);
      for (const included of json.included) {
        expect(included.id).toMatch(/^\d+$/);
        expect(included.relationships.customer.data).toEqual({ type: 'customers', id: customerId });
      }
      const users = await get(`/admin/api/customers/${customerId}/relationships/users`);
      expect(users.json.data.map((u: { id: string }) => u.id).sort()).toEqual(json.included.slice(0, 2).map((u: { id: string }) => u.id).sort());
    });

    // CreateWithIncludedTest.php::testCreateNotRelatedIncludedEntity: an included record nothing points to.
    it('refuses an included record that is not linked to the primary one, at its pointer', async () => {
      const before = await customersCount();
      const { status, json } = await send('POST', '/admin/api/customers', {
        data: { type: 'customers', attributes: { name: 'Lonely' } },
        included: [customerUser('u1', 'lonely@compound.test')],
      });
      expect(status).toBe(400);
      expect(json.errors).toEqual([
        {
          status: '400',
          title: 'request data constraint',
          detail: 'The entity should have a relationship with the primary entity and this should be explicitly specified in the request',
          source: { pointer: '/included/0' },
        },
      ]);
      expect(await customersCount()).toBe(before);
    });

    // oroinc/customer-portal CustomerBundle/Tests/Functional/Api/RestJsonApi/CustomerTest.php
    // (testTryToCreateWithNewParentCustomerInIncludes, testTryToUpdateWithNewChildCustomerInIncludes).
    it('refuses a new parent or child customer in the included records', async () => {
      const expected = {
        status: '400',
        title: 'new included entity existence constraint',
        detail: 'Creation a new include entity that can lead to a circular dependency is forbidden.',
        source: { pointer: '/included/0' },
      };
      const parent = await send('POST', '/admin/api/customers', {
        data: { type: 'customers', attributes: { name: 'Child' }, relationships: { parent: { data: { type: 'customers', id: 'p' } } } },
        included: [{ type: 'customers', id: 'p', attributes: { name: 'New parent' } }],
      });
      expect(parent.status).toBe(400);
      expect(parent.json.errors).toEqual([expected]);
      const existing = (await post('customers', { name: 'Existing' })).json.data.id;
      const child = await send('PATCH', `/admin/api/customers/${existing}`, {
        data: { type: 'customers', id: existing, relationships: { children: { data: [{ type: 'customers', id: 'c' }] } } },
        included: [{ type: 'customers', id: 'c', attributes: { name: 'New child' } }],
      });
      expect(child.json.errors).toEqual([expected]);
    });

    // oroinc/platform ApiBundle/Tests/Functional/RestJsonApi/UpdateWithIncludedTest.php (testUpdateIncludedEntity):
    // `meta.update` updates an existing included record in the same request.
    it('updates existing included records marked with meta.update, and creates new ones, in one transaction', async () => {
      const created = await send('POST', '/admin/api/customers', {
        data: { type: 'customers', id: 'c', attributes: { name: 'Updatable' } },
        included: [customerUser('u', 'first@update.test', { customer: { data: { type: 'customers', id: 'c' } } })],
      });
      const customerId = created.json.data.id;
      const userId = created.json.included[0].id;
      const { status, json } = await send('PATCH', `/admin/api/customers/${customerId}`, {
        data: { type: 'customers', id: customerId, attributes: { name: 'Updated' } },
        included: [
          { type: 'customerusers', id: userId, meta: { update: true }, attributes: { firstName: 'Renamed' }, relationships: { customer: { data: { type: 'customers', id: customerId } } } },
          address('new-address', { customer: { data: { type: 'customers', id: customerId } } }),
        ],
      });
      expect(status).toBe(200);
      expect(json.data.attributes.name).toBe('Updated');
      expect(json.included).toEqual([
        expect.objectContaining({ type: 'customerusers', id: userId, attributes: expect.objectContaining({ firstName: 'Renamed' }), meta: { includeId: userId } }),
        expect.objectContaining({ type: 'customeraddresses', meta: { includeId: 'new-address' } }),
      ]);
    });

    // CreateWithIncludedTest.php: a refusal in an included record points into `included` and nothing is written.
    it('writes nothing when an included record is refused, pointing at it', async () => {
      const before = await customersCount();
      const { status, json } = await send('POST', '/admin/api/customers', {
        data: { type: 'customers', attributes: { name: 'All or nothing' }, relationships: { users: { data: [{ type: 'customerusers', id: 'ok' }, { type: 'customerusers', id: 'bad' }] } } },
        included: [customerUser('ok', 'ok@nothing.test'), { ...customerUser('bad', 'bad@nothing.test'), attributes: { email: 'bad@nothing.test', firstName: 'Bad' } }],
      });
      expect(status).toBe(400);
      expect(json.errors).toEqual([{ status: '400', title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/included/1/attributes/lastName' } }]);
      expect(await customersCount()).toBe(before);
      expect(await sql(`SELECT count(*)::int AS n FROM commerce.customer_user WHERE email LIKE '%@nothing.test'`)).toEqual([{ n: 0 }]);
    });

    // oroinc/platform ApiBundle/Tests/Functional/RestJsonApi/... batch tests: two included items with one identity.
    it('refuses an included record that duplicates another', async () => {
      const { status, json } = await send('POST', '/admin/api/customers', {
        data: { type: 'customers', attributes: { name: 'Twice' }, relationships: { users: { data: [{ type: 'customerusers', id: 'u' }] } } },
        included: [customerUser('u', 'one@twice.test'), customerUser('u', 'two@twice.test')],
      });
      expect(status).toBe(400);
      expect(json.errors[0]).toEqual({ status: '400', title: 'request data constraint', detail: 'The item duplicates the item with the index 0', source: { pointer: '/included/1' } });
    });

    // Oro's included records need a type the API serves (entity type constraint).
    it('refuses an included record of an unknown type', async () => {
      const { status, json } = await send('POST', '/admin/api/customers', {
        data: { type: 'customers', attributes: { name: 'Unknown' } },
        included: [{ type: 'spaceships', id: 's1' }],
      });
      expect(status).toBe(400);
      expect(json.errors[0]).toMatchObject({ title: 'entity type constraint', source: { pointer: '/included/0/type' } });
    });
  });
});
