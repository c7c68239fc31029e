import { api, login } from '../identity/auth-helpers';
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

    // oroinc/platform UserBundle/Tests/Functional/Api/RestJsonApi/UserTest.php (an invalid e-mail: Symfony's Email
    // constraint) and Symfony's GreaterThan message for a value that must be positive.
    it('answers an invalid e-mail with "email constraint" and a non-positive rate with "greater than constraint"', async () => {
      const email = await post('users', { email: 'not-an-email', password: 'long enough password' });
      expect(email.status).toBe(400);
      expect(email.json.errors).toContainEqual({ status: '400', title: 'email constraint', detail: 'This value is not a valid email address.', source: { pointer: '/data/attributes/email' } });
      const rate = await post('currencyrates', { currency: 'EUR', rate: '0' });
      expect(rate.json.errors).toEqual([{ status: '400', title: 'greater than constraint', detail: 'This value should be greater than 0.', source: { pointer: '/data/attributes/rate' } }]);
      const choice = await post('customerusers', { email: 'choice@example.com', firstName: 'A', lastName: 'B', enabled: false, authStatus: 'frozen' }, { customer: { data: { type: 'customers', id: '1' } } });
      expect(choice.json.errors).toContainEqual({ status: '400', title: 'choice constraint', detail: 'The value you selected is not a valid choice.', source: { pointer: '/data/attributes/authStatus' } });
      const type = await post('customerusers', { email: 'type@example.com', firstName: 'A', lastName: 'B', enabled: 'yes' }, { customer: { data: { type: 'customers', id: '1' } } });
      expect(type.json.errors).toContainEqual({ status: '400', title: 'form constraint', detail: 'This value is not valid.', source: { pointer: '/data/attributes/enabled' } });
      const date = await post('customerusers', { email: 'date@example.com', firstName: 'A', lastName: 'B', birthday: '2026-02-30' }, { customer: { data: { type: 'customers', id: '1' } } });
      expect(date.json.errors).toContainEqual({ status: '400', title: 'form constraint', detail: 'The "2026-02-30" is not valid date.', source: { pointer: '/data/attributes/birthday' } });
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

  describe('asynchronous batch and asyncoperations', () => {
    const batch = (body: unknown, token = app.state.admin) => api(app.state.t, token, 'PATCH', '/admin/api/customers', body);

    // oroinc/platform ApiBundle/Tests/Functional/RestJsonApi/AsyncOperationTest.php and
    // ApiBundle/Tests/Functional/Environment/RestJsonApiUpdateListTestCase.php (processUpdateList): without
    // X-Mode: sync the batch answers 202 with an asyncoperations resource and Content-Location; the errors of the
    // refused records are at /asyncoperations/{id}/errors with ids "{operation}-{chunk}-{n}"
    // (AsyncOperationErrorsTest.php), and a refused record does not stop the others.
    it('answers 202 with the operation, runs it in the background, and lists the refused records', async () => {
      const existing = (await post('customers', { name: 'To rename' })).json.data.id;
      const started = await batch({
        data: [
          { type: 'customers', id: 'c1', attributes: { name: 'Async one' } },
          { type: 'customers', attributes: { name: '' } },
          { type: 'customers', id: existing, meta: { update: true }, attributes: { name: 'Renamed async' } },
        ],
        included: [customerUser('u1', 'async@batch.test', { customer: { data: { type: 'customers', id: 'c1' } } }), customerUser('lost', 'lost@batch.test')],
      });
      expect(started.status).toBe(202);
      const operationId = started.json.data.id;
      expect(started.headers['content-location']).toBe(`/admin/api/asyncoperations/${operationId}`);
      expect(started.json.data).toMatchObject({
        type: 'asyncoperations',
        attributes: { status: 'new', progress: 0, entityType: 'customers', summary: null },
        relationships: { owner: { data: { type: 'users', id: app.state.ids.adminA } } },
      });

      await app.state.t.drain();
      const done = await get(`/admin/api/asyncoperations/${operationId}`);
      expect(done.json.data.attributes).toMatchObject({
        status: 'success',
        progress: 100,
        hasErrors: true,
        summary: { readCount: 3, writeCount: 2, errorCount: 2, createCount: 1, updateCount: 1, aggregateTime: expect.any(Number) },
      });
      expect(await sql(`SELECT name FROM commerce.customer WHERE name IN ('Async one', 'Renamed async') ORDER BY name`)).toEqual([
        { name: 'Async one' },
        { name: 'Renamed async' },
      ]);
      expect(await sql(`SELECT c.name FROM commerce.customer_user u JOIN commerce.customer c ON c.id = u.customer_id WHERE u.email = 'async@batch.test'`)).toEqual([
        { name: 'Async one' },
      ]);
      const errors = await get(`/admin/api/asyncoperations/${operationId}/errors`);
      expect(errors.status).toBe(200);
      expect(errors.json.data).toEqual([
        {
          type: 'asyncoperationerrors',
          id: `${operationId}-0-1`,
          attributes: {
            status: 400,
            title: 'request data constraint',
            detail: 'The entity should have a relationship with at least one primary entity and this should be explicitly specified in the request',
            source: { pointer: '/included/1' },
          },
        },
        {
          type: 'asyncoperationerrors',
          id: `${operationId}-1-1`,
          attributes: { status: 400, title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/1/attributes/name' } },
        },
      ]);
      const paged = await get(`/admin/api/asyncoperations/${operationId}/errors?page[size]=1`);
      expect(paged.json.data).toHaveLength(1);
      expect(paged.json.links.next).toContain('page%5Bnumber%5D=2');
    });

    // oroinc/platform ApiBundle/Resources/doc/api/async_operation.md: an operation is seen by the user who started it
    // (and by those who may view every operation of the organization: administrators).
    it('shows an operation to the user who started it and to administrators only', async () => {
      const rep = await login(app.state.t, 'rep@acme.test');
      const manager = await login(app.state.t, 'manager@acme.test');
      const mine = await batch({ data: [{ type: 'customers', attributes: { name: 'Rep batch' } }] }, rep);
      expect(mine.status).toBe(202);
      const id = mine.json.data.id;
      expect((await get(`/admin/api/asyncoperations/${id}`, rep)).status).toBe(200);
      expect((await get(`/admin/api/asyncoperations/${id}`)).status).toBe(200);
      expect((await get(`/admin/api/asyncoperations/${id}`, manager)).status).toBe(404);
      expect((await get(`/admin/api/asyncoperations/${id}/errors`, manager)).status).toBe(404);
      const listed = await get('/admin/api/asyncoperations?page[size]=-1', rep);
      expect(listed.json.data.map((o: { id: string }) => o.id)).toEqual([id]);
      await app.state.t.drain();
      expect((await get(`/admin/api/asyncoperations/${id}`, rep)).json.data.attributes.status).toBe('success');
    });

    // Oro's chunks (api.md A.5: chunk_size 100): each chunk commits on its own; a worker that fails in the middle of
    // a chunk resumes at that chunk, so no record is written twice or lost.
    it('resumes after a failure in the middle of a chunk without duplicating or losing records', async () => {
      // A failure the first time the 150th record is written (a sequence is not rolled back with the transaction).
      await sql(`CREATE SEQUENCE public.crash_once`);
      await sql(`CREATE FUNCTION public.crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.name = 'Bulk 150' AND nextval('public.crash_once') = 1 THEN RAISE EXCEPTION 'the worker was lost'; END IF;
          RETURN NEW;
        END $$`);
      await sql(`CREATE TRIGGER crash_once BEFORE INSERT ON commerce.customer FOR EACH ROW EXECUTE FUNCTION public.crash_once()`);
      try {
        const data = Array.from({ length: 150 }, (_, i) => ({ type: 'customers', attributes: { name: `Bulk ${i + 1}` } }));
        const started = await batch({ data });
        expect(started.status).toBe(202);
        await app.state.t.drain();
        const done = await get(`/admin/api/asyncoperations/${started.json.data.id}`);
        expect(done.json.data.attributes).toMatchObject({ status: 'success', progress: 100, summary: { readCount: 150, createCount: 150, errorCount: 0 } });
        // The second chunk failed once and ran again.
        expect(await sql(`SELECT last_value::int AS runs FROM public.crash_once`)).toEqual([{ runs: 2 }]);
        expect(await sql(`SELECT count(*)::int AS n, count(DISTINCT name)::int AS names FROM commerce.customer WHERE name LIKE 'Bulk %'`)).toEqual([{ n: 150, names: 150 }]);
        expect(await sql(`SELECT chunk, done_at IS NOT NULL AS done FROM platform.async_operation_chunk WHERE operation_id = $1 ORDER BY chunk`, [started.json.data.id])).toEqual([
          { chunk: 1, done: true },
          { chunk: 2, done: true },
        ]);
      } finally {
        await sql(`DROP TRIGGER crash_once ON commerce.customer`);
      }
    });
  });

  describe('an operation that cannot finish', () => {
    // A chunk failing on every attempt: the operation ends "failed" with what committed before it, and the job is
    // dead-lettered (Oro's status "failed").
    it('ends failed after the last attempt, keeping the chunks done before', async () => {
      await sql(`CREATE FUNCTION public.always_fail() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.name = 'Doomed 120' THEN RAISE EXCEPTION 'the disk is full'; END IF; RETURN NEW; END $$`);
      await sql(`CREATE TRIGGER always_fail BEFORE INSERT ON commerce.customer FOR EACH ROW EXECUTE FUNCTION public.always_fail()`);
      try {
        const data = Array.from({ length: 120 }, (_, i) => ({ type: 'customers', attributes: { name: `Doomed ${i + 1}` } }));
        const started = await api(app.state.t, app.state.admin, 'PATCH', '/admin/api/customers', { data });
        await app.state.t.drain();
        const done = await get(`/admin/api/asyncoperations/${started.json.data.id}`);
        expect(done.json.data.attributes).toMatchObject({ status: 'failed', progress: 50, summary: { readCount: 100, createCount: 100 } });
        expect(await sql(`SELECT count(*)::int AS n FROM commerce.customer WHERE name LIKE 'Doomed %'`)).toEqual([{ n: 100 }]);
        expect(await sql(`SELECT count(*)::int AS n FROM platform.dead_letter WHERE job_name = 'platform.run-async-operation'`)).toEqual([{ n: 1 }]);
      } finally {
        await sql(`DROP TRIGGER always_fail ON commerce.customer`);
      }
    });
  });

  describe('the root of the server', () => {
    // Issue 10 item 6: `GET /` is not the framework's default body but a redirect to the back-office console.
    it('redirects GET / to the console at /admin/', async () => {
      const response = await app.state.t.app.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/admin/');
    });
  });
});
