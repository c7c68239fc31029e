import fc from 'fast-check';
import { AttributeDefinition, RESOURCE_REGISTRY, ResourceDefinition, ResourceRegistry, TransactionRunner } from '../../libs/platform';
import { useApp } from '../harness/use-app';
import { api, requestToken } from '../identity/auth-helpers';

/**
 * Target B1 on the product's own resources (CRM, Commerce and the integration's relationships, their module commands included): random and hostile
 * bodies and filters built from each resource's real field names never produce a 5xx, and every error is a JSON:API
 * error document with a pointer or a parameter where it names a field.
 */
describe('every resource under random malformed requests', () => {
  const { state, post } = useApp(['crm', 'commerce', 'integration']);
  let resources: ResourceDefinition[];
  let storefrontResources: ResourceDefinition[];
  let storefrontToken: string;

  beforeAll(async () => {
    const registry = state.t.get<ResourceRegistry>(RESOURCE_REGISTRY);
    resources = registry.all('admin');
    storefrontResources = registry.forApi('storefront').all('storefront');
    // A few records so that item routes and relationships have something to hit.
    const account = (await post('accounts', { name: 'Fuzz account' })).json.data.id;
    await post('contacts', { firstName: 'Fuzz', lastName: 'Contact' });
    await post('opportunities', { name: 'Fuzz deal' }, { account: { data: { type: 'accounts', id: account } } });
    const customer = (await post('customers', { name: 'Fuzz customer' })).json.data.id;
    await post('orders', { identifier: 'FZ-1', currency: 'USD', subtotal: '1', total: '1' }, { customer: { data: { type: 'customers', id: customer } } });
    // A customer's Administrator for the storefront run.
    const [{ id: administrator }] = await state.t.get(TransactionRunner).manager.query(`SELECT id::text AS id FROM commerce.customer_user_role WHERE role = 'ROLE_FRONTEND_ADMINISTRATOR' ORDER BY id LIMIT 1`);
    await post('customerusers', { email: 'fuzz.admin@shop.test', firstName: 'Fuzz', lastName: 'Admin', password: 'Sunny-Day-42' }, {
      customer: { data: { type: 'customers', id: customer } },
      userRoles: { data: [{ type: 'customeruserroles', id: administrator }] },
    });
    const signIn = await requestToken(state.t, { grant_type: 'password', client_id: 'storefront', username: 'fuzz.admin@shop.test', password: 'Sunny-Day-42' });
    storefrontToken = signIn.json.access_token;
  });

  const hostile = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom("' OR 1=1 --", '"; DROP TABLE crm.account; --', '\u0000', '😀', '1e309', '-1', '9'.repeat(40), '', ' ', 'x'.repeat(70_000), '2026-02-30', 'USD'),
    fc.integer().map(String),
    fc.constant(null),
  );

  /** A value of the attribute's type most of the time (so that requests get past parsing), a hostile one otherwise. */
  const valueFor = (attribute: AttributeDefinition) => {
    const typed: Record<string, fc.Arbitrary<unknown>> = {
      string: fc.string({ maxLength: 40 }),
      text: fc.string({ maxLength: 300 }),
      integer: fc.integer({ min: -5, max: 1_000_000 }),
      decimal: fc.double({ min: -10, max: 1e6, noNaN: true }).map((n) => n.toFixed(2)),
      money: fc.double({ min: -10, max: 1e6, noNaN: true }).map((n) => n.toFixed(2)),
      boolean: fc.boolean(),
      datetime: fc.date({ noInvalidDate: true, min: new Date('1990-01-01'), max: new Date('2040-01-01') }).map((d) => d.toISOString()),
      date: fc.date({ noInvalidDate: true, min: new Date('1990-01-01'), max: new Date('2040-01-01') }).map((d) => d.toISOString().slice(0, 10)),
      enum: fc.constantFrom(...((attribute.values as readonly string[] | undefined) ?? ['x'])),
      json: fc.jsonValue(),
    };
    return fc.oneof({ arbitrary: typed[attribute.type] ?? hostile, weight: 4 }, { arbitrary: hostile, weight: 1 });
  };

  /** Random requests to the resources of one API (under `prefix`), plus `extra` routes of that API. */
  const requests = (prefix: string, resources: ResourceDefinition[], extra: fc.Arbitrary<['GET' | 'POST' | 'PATCH', string, unknown]>[] = []) =>
    fc.oneof(...extra, fc.integer({ min: 0, max: 1000 }).chain((n) => {
      const resource = resources[n % resources.length];
      const attributes = Object.keys(resource.attributes);
      const relationships = Object.keys(resource.relationships ?? {});
      const names = fc.constantFrom(...attributes, ...(relationships.length ? relationships : ['nope']), 'nope', '__proto__');
      const linkage = fc.oneof(
        hostile,
        fc.record({ data: fc.oneof(fc.constant(null), fc.record({ type: fc.constantFrom(...resources.map((r) => r.type)), id: fc.oneof(fc.constantFrom('1', '2', '0', 'x'), fc.string()) })) }),
        fc.record({ data: fc.array(fc.record({ type: fc.constantFrom(...resources.map((r) => r.type)), id: fc.constantFrom('1', '2', 'x') }), { maxLength: 3 }) }),
      );
      const attributeValues = fc
        .subarray([...attributes, 'nope'], { maxLength: Math.min(5, attributes.length + 1) })
        .chain((keys) => fc.tuple(...keys.map((key) => (key === 'nope' ? hostile : valueFor(resource.attributes[key])))).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))));
      const body = (id: string | undefined) =>
        fc.record({
          data: fc.record({
            type: fc.constantFrom(resource.type, resource.type, resource.type, 'x'),
            ...(id ? { id: fc.constantFrom(id, id, id, 'x') } : {}),
            attributes: attributeValues,
            relationships: fc.dictionary(relationships.length ? fc.constantFrom(...relationships) : fc.constant('nope'), linkage, { maxKeys: 3 }),
          }),
        });
      const filter = fc
        .tuple(names, fc.constantFrom('', '[eq]', '[neq]', '[gt]', '[lte]', '[contains]', '[starts_with]', '[exists]', '[bogus]'), hostile)
        .map(([name, op, value]) => `filter[${name}]${op}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`);
      const query = fc.array(fc.oneof(filter, names.map((name) => `sort=-${name}`), names.map((name) => `include=${name}`)), { maxLength: 3 }).map((q) => q.join('&'));
      return fc.oneof(
        fc.tuple(fc.constant('GET' as const), query.map((q) => `${prefix}/${resource.type}?${q}`), fc.constant(undefined)),
        fc.tuple(fc.constant('GET' as const), fc.constantFrom('1', '2', 'x').map((id) => `${prefix}/${resource.type}/${id}`), fc.constant(undefined)),
        fc.tuple(fc.constant('POST' as const), fc.constant(`${prefix}/${resource.type}`), body(undefined)),
        fc.constantFrom('1', '2').chain((id) => fc.tuple(fc.constant('PATCH' as const), fc.constant(`${prefix}/${resource.type}/${id}`), body(id))),
        fc.tuple(
          fc.constant('PATCH' as const),
          fc.constantFrom(...(relationships.length ? relationships : ['nope'])).map((rel) => `${prefix}/${resource.type}/1/relationships/${rel}`),
          linkage,
        ),
      );
    }));

  /** Runs the requests with a token: never a 5xx, every refusal an error document with a detail. */
  const survive = async (request: fc.Arbitrary<['GET' | 'POST' | 'PATCH', string, unknown]>, token: () => string, numRuns: number) => {
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(request, async ([method, url, payload]) => {
        const response = await api(state.t, token(), method, url, payload);
        statuses.set(`${method} ${response.status}`, (statuses.get(`${method} ${response.status}`) ?? 0) + 1);
        if (response.status >= 500) throw new Error(`${method} ${url} ${JSON.stringify(payload)?.slice(0, 500)} → ${response.status} ${response.body}`);
        if (response.status >= 400) {
          expect(Array.isArray(response.json.errors)).toBe(true);
          for (const error of response.json.errors) expect(typeof error.detail).toBe('string');
        }
      }),
      // A fixed seed keeps CI reproducible; FUZZ_SEED explores other inputs (fast-check prints the seed of a failure).
      { numRuns, seed: Number(process.env.FUZZ_SEED ?? 20261201) },
    );
    return statuses;
  };

  it('answers 2xx/4xx with error documents, whatever the resource, method and input', async () => {
    const statuses = await survive(requests('/admin/api', resources), () => state.admin, 1000);
    // The input reached the module commands: some writes succeeded, others were refused by their rules.
    const writes = [...statuses.keys()].filter((k) => /^(POST|PATCH) /.test(k));
    expect(writes.some((k) => /^(POST 201|PATCH 200)$/.test(k))).toBe(true);
    expect(writes.some((k) => / 4\d\d$/.test(k))).toBe(true);
  }, 120_000);

  it('does the same on the storefront API with a customer Administrator\'s token, its account routes included', async () => {
    const meta = fc.dictionary(fc.constantFrom('email', 'token', 'password', 'nope'), hostile, { maxKeys: 3 });
    const attributes = fc.dictionary(fc.constantFrom('email', 'password', 'firstName', 'lastName', 'companyName', 'currentPassword', 'nope'), hostile, { maxKeys: 5 });
    const extra: fc.Arbitrary<['GET' | 'POST' | 'PATCH', string, unknown]>[] = [
      fc.tuple(fc.constant('POST' as const), fc.constant('/api/registration'), fc.oneof(hostile, fc.record({ data: fc.record({ type: fc.constantFrom('registration', 'x'), attributes }) }))),
      fc.tuple(fc.constant('POST' as const), fc.constantFrom('/api/registration/confirmation', '/api/passwordresets'), fc.oneof(hostile, fc.record({ meta }))),
      fc.tuple(fc.constant('PATCH' as const), fc.constantFrom('/api/passwordresets'), fc.oneof(hostile, fc.record({ meta }))),
      fc.tuple(fc.constant('PATCH' as const), fc.constant('/api/me'), fc.oneof(hostile, fc.record({ data: fc.record({ type: fc.constantFrom('customerusers', 'x'), attributes }) }))),
      fc.tuple(fc.constant('GET' as const), fc.constantFrom('/api/me', '/api/me?include=customer,userRoles', '/api/me?include=nope'), fc.constant(undefined)),
    ];
    const statuses = await survive(requests('/api', storefrontResources, extra), () => storefrontToken, 400);
    expect([...statuses.keys()].some((k) => /^GET 200$/.test(k))).toBe(true);
  }, 120_000);
});
