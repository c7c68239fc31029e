import { RESOURCE_REGISTRY, type ResourceRegistry, TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, seedIdentities } from '../identity/auth-helpers';
import { validateOpenApi } from '../harness/openapi-validator';
import { STRONG_PASSWORD, storefrontSignIn } from './storefront-helpers';

/**
 * The storefront's authorization matrix (issue 12): two organizations, each with a parent customer and two
 * subsidiaries, an Administrator and a Buyer in each customer. Every `/api` resource × route × user is checked against
 * the visibility the user's role levels give (domain §5.1), computed here from the fixture's own structure and the
 * roles' stored permissions; and no response body or header may carry the id of a record outside that set.
 */

interface Row {
  type: string;
  id: string;
  organizationId: string;
  customerId: string | null;
  customerUserId: string | null;
  /** Roles: predefined (no customer), self-managed and public; consents: active. */
  predefined?: boolean;
  listed?: boolean;
  active?: boolean;
}

interface Person {
  id: string;
  organizationId: string;
  customerId: string;
  role: string;
  token: string;
}

/** Every storefront resource type (the matrix follows the registry, so a new resource is checked too). */
let TYPES: string[] = ['customers', 'customerusers', 'customeruserroles', 'customeraddresses', 'customeruseraddresses', 'orders', 'consents', 'consentacceptances'];
/** Granted to every customer user whatever its roles (consents are not behind roles). */
const EVERYONE: Record<string, string> = { consents: 'full', consentacceptances: 'user' };
const LEVELS = ['none', 'user', 'department', 'corporate', 'full'];

describe('storefront authorization matrix', () => {
  let t: TestApp;
  const rows: Row[] = [];
  const people: Person[] = [];
  const subtree = new Map<string, string[]>();
  const levels = new Map<string, string>(); // `${roleCode}:${entity}` (VIEW) or `${roleCode}:${entity}:${permission}` → level
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);

  beforeAll(async () => {
    t = await createTestApp();
    const registered = t.get<ResourceRegistry>(RESOURCE_REGISTRY).forApi('storefront').all('storefront').map((r) => r.type).sort();
    expect(registered).toEqual([...TYPES].sort()); // a new storefront resource needs its rows in this fixture
    TYPES = registered;
    const ids = await seedIdentities(t);
    await t.drain();
    for (const [organizationId, adminEmail, tag] of [
      [ids.orgA, 'admin@acme.test', 'a'],
      [ids.orgB, 'admin@beta.test', 'b'],
    ]) {
      const admin = await login(t, adminEmail);
      const post = async (type: string, attributes: object, relationships: object = {}) => {
        const response = await api(t, admin, 'POST', `/admin/api/${type}`, { data: { type, attributes, relationships } });
        if (response.status !== 201) throw new Error(`${type}: ${response.body}`);
        return response.json.data.id as string;
      };
      const ref = (type: string, id: string) => ({ data: { type, id } });
      const roleIds = Object.fromEntries(
        (await sql(`SELECT role, id::text AS id FROM commerce.customer_user_role WHERE organization_id = $1`, [organizationId])).map((r: { role: string; id: string }) => [r.role, r.id]),
      );
      const consent = await post('consents', { name: `Terms ${tag}`, mandatory: false, content: 'Agree.' });
      rows.push({ type: 'consents', id: consent, organizationId, customerId: null, customerUserId: null, active: true });
      rows.push({ type: 'consents', id: await post('consents', { name: `Old ${tag}`, active: false, content: 'Gone.' }), organizationId, customerId: null, customerUserId: null, active: false });
      const parent = await post('customers', { name: `Parent ${tag}` });
      const children = [await post('customers', { name: `Child ${tag}1` }, { parent: ref('customers', parent) }), await post('customers', { name: `Child ${tag}2` }, { parent: ref('customers', parent) })];
      subtree.set(parent, [parent, ...children]);
      for (const child of children) subtree.set(child, [child]);
      for (const customerId of [parent, ...children]) {
        rows.push({ type: 'customers', id: customerId, organizationId, customerId, customerUserId: null });
        const address = { street: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US', firstName: 'Ann', lastName: 'Lee' };
        rows.push({ type: 'customeraddresses', id: await post('customeraddresses', address, { customer: ref('customers', customerId) }), organizationId, customerId, customerUserId: null });
        for (const role of ['ROLE_FRONTEND_ADMINISTRATOR', 'ROLE_FRONTEND_BUYER']) {
          const email = `${role.slice(14).toLowerCase()}.${customerId}@${tag}.test`;
          const userId = await post('customerusers', { email, firstName: 'Pat', lastName: customerId, password: STRONG_PASSWORD }, { customer: ref('customers', customerId), roles: { data: [{ type: 'customeruserroles', id: roleIds[role] }] } });
          rows.push({ type: 'customerusers', id: userId, organizationId, customerId, customerUserId: userId });
          rows.push({ type: 'customeruseraddresses', id: await post('customeruseraddresses', address, { customerUser: ref('customerusers', userId) }), organizationId, customerId, customerUserId: userId });
          const orderId = await post('orders', { identifier: `SO-${userId}`, currency: 'USD', subtotal: '10.00', total: '10.00' }, { customer: ref('customers', customerId), customerUser: ref('customerusers', userId) });
          rows.push({ type: 'orders', id: orderId, organizationId, customerId, customerUserId: userId });
          const signIn = await storefrontSignIn(t, email, STRONG_PASSWORD);
          if (signIn.status !== 200) throw new Error(`sign-in ${email}: ${JSON.stringify(signIn.json)}`);
          people.push({ id: userId, organizationId, customerId, role, token: signIn.json.access_token });
          const acceptance = await api(t, signIn.json.access_token, 'POST', '/api/consentacceptances', {
            data: { type: 'consentacceptances', relationships: { consent: { data: { type: 'consents', id: consent } } } },
          });
          if (acceptance.status !== 201) throw new Error(`acceptance: ${acceptance.body}`);
          rows.push({ type: 'consentacceptances', id: acceptance.json.data.id, organizationId, customerId, customerUserId: userId });
        }
      }
      for (const role of await sql(`SELECT id::text AS id, customer_id IS NULL AS predefined, self_managed AND public AS listed FROM commerce.customer_user_role WHERE organization_id = $1`, [organizationId])) {
        rows.push({ type: 'customeruserroles', id: role.id, organizationId, customerId: null, customerUserId: null, predefined: role.predefined, listed: role.listed });
      }
    }
    for (const grant of await sql(
      `SELECT r.role, p.entity, p.permission, p.access_level FROM commerce.customer_user_role_permission p JOIN commerce.customer_user_role r ON r.id = p.role_id WHERE p.access_level <> 'none'`,
    )) {
      const key = grant.permission === 'VIEW' ? `${grant.role}:${grant.entity}` : `${grant.role}:${grant.entity}:${grant.permission}`;
      if (LEVELS.indexOf(grant.access_level) > LEVELS.indexOf(levels.get(key) ?? 'none')) levels.set(key, grant.access_level);
    }
  }, 120_000);
  afterAll(() => t.close());

  /** The level of a person's role for VIEW on a type. */
  const levelOf = (person: Person, type: string) => EVERYONE[type] ?? levels.get(`${person.role}:${type}`) ?? 'none';

  /** Whether a person may see a row (domain §5.1; roles by §5.3). */
  function visible(person: Person, row: Row): boolean {
    if (row.organizationId !== person.organizationId) return false;
    const level = levelOf(person, row.type);
    if (level === 'none') return false;
    if (row.type === 'consents') return !!row.active;
    if (row.type === 'customeruserroles') return !!row.listed && (row.predefined || (row.customerId !== null && subtree.get(person.customerId)!.includes(row.customerId)));
    if (level === 'user') return row.customerUserId === person.id;
    if (level === 'department') return row.customerId === person.customerId;
    return subtree.get(person.customerId)!.includes(row.customerId!);
  }
  const allowed = (person: Person, type: string) => rows.filter((row) => row.type === type && visible(person, row)).map((row) => row.id);
  const describePerson = (p: Person) => `${p.role.slice(14)} of customer ${p.customerId}`;

  /** Every (type, id) a response names — resource objects, linkage, links — must be visible to the person. */
  function expectNoForeignIds(person: Person, response: { headers: Record<string, unknown>; body: string }) {
    const text = `${JSON.stringify(response.headers)}\n${response.body}`;
    for (const match of text.matchAll(/"type":"(\w+)","id":"(\d+)"/g)) {
      const row = rows.find((r) => r.type === match[1] && r.id === match[2]);
      expect({ person: describePerson(person), record: `${match[1]}/${match[2]}`, visible: row ? visible(person, row) : false }).toMatchObject({ visible: true });
    }
    for (const match of text.matchAll(/\/api\/(\w+)\/(\d+)/g)) {
      const row = rows.find((r) => r.type === match[1] && r.id === match[2]);
      expect({ person: describePerson(person), link: match[0], visible: row ? visible(person, row) : false }).toMatchObject({ visible: true });
    }
  }

  it('sets up two organizations of three customers with an Administrator and a Buyer each', () => {
    expect(people).toHaveLength(12);
    expect(levelOf(people.find((p) => p.role.endsWith('ADMINISTRATOR'))!, 'customers')).toBe('corporate');
    expect(levelOf(people.find((p) => p.role.endsWith('BUYER'))!, 'customers')).toBe('department');
  });

  it.each(TYPES)('lists, counts and filters %s as each user may see them', async (type) => {
    for (const person of people) {
      const expected = allowed(person, type).sort();
      const list = await api(t, person.token, 'GET', `/api/${type}?page[size]=100`);
      expectNoForeignIds(person, list);
      if (levelOf(person, type) === 'none') {
        expect([describePerson(person), list.status]).toEqual([describePerson(person), 403]);
        continue;
      }
      expect([describePerson(person), list.json.data.map((o: { id: string }) => o.id).sort()]).toEqual([describePerson(person), expected]);
      const counted = await t.app.inject({ method: 'GET', url: `/api/${type}?page[size]=1`, headers: { authorization: `Bearer ${person.token}`, 'x-include': 'totalCount' } });
      expect(Number(counted.headers['x-include-total-count'])).toBe(expected.length);
      const everyId = rows.filter((r) => r.type === type).map((r) => r.id);
      const filtered = await api(t, person.token, 'GET', `/api/${type}?filter[id]=${everyId.join(',')}&page[size]=100`);
      expectNoForeignIds(person, filtered);
      expect(filtered.json.data.map((o: { id: string }) => o.id).sort()).toEqual(expected);
    }
  });

  it.each(TYPES)('answers 404 on every route of a %s record the user may not see, and nothing foreign on those it may', async (type) => {
    const definition = (await api(t, null, 'GET', '/api/doc/openapi.json')).json;
    expect(definition).toBeDefined();
    for (const person of people) {
      for (const row of rows.filter((r) => r.type === type)) {
        const item = await api(t, person.token, 'GET', `/api/${type}/${row.id}`);
        expectNoForeignIds(person, item);
        if (!visible(person, row)) {
          expect([describePerson(person), row.id, item.status]).toEqual([describePerson(person), row.id, 404]);
          continue;
        }
        expect(item.status).toBe(200);
        for (const name of Object.keys(item.json.data.relationships ?? {})) {
          for (const url of [`/api/${type}/${row.id}/${name}`, `/api/${type}/${row.id}/relationships/${name}`, `/api/${type}/${row.id}?include=${name}`]) {
            const related = await api(t, person.token, 'GET', url);
            expect([url, related.status]).toEqual([url, 200]);
            expectNoForeignIds(person, related);
          }
        }
      }
    }
  });

  it.each(TYPES)('refuses writes to %s that the route, the level or the visibility does not allow, revealing nothing', async (type) => {
    const allow = String((await t.app.inject({ method: 'OPTIONS', url: `/api/${type}/1` })).headers.allow);
    const collectionAllow = String((await t.app.inject({ method: 'OPTIONS', url: `/api/${type}` })).headers.allow);
    for (const person of people) {
      const body = { data: { type, attributes: {} } };
      const created = await api(t, person.token, 'POST', `/api/${type}`, body);
      expectNoForeignIds(person, created);
      if (!collectionAllow.includes('POST')) expect(created.status).toBe(405);
      // An empty body may be refused before the permission is looked at; a valid one by a Buyer is 403 (management test).
      else if (!EVERYONE[type] && levels.get(`${person.role}:${type}:CREATE`) === undefined) expect([400, 403]).toContain(created.status);
      for (const row of rows.filter((r) => r.type === type && !visible(person, r))) {
        for (const method of ['PATCH', 'DELETE'] as const) {
          const response = await api(t, person.token, method, `/api/${type}/${row.id}`, method === 'PATCH' ? { data: { type, id: row.id, attributes: {} } } : undefined);
          expect([describePerson(person), method, row.id, response.status]).toEqual([describePerson(person), method, row.id, allow.includes(method) ? 404 : 405]);
          expectNoForeignIds(person, response);
        }
      }
    }
  });

  it('documents exactly what a storefront token reaches at /api/doc and /api/doc/openapi.json', async () => {
    const document = (await api(t, null, 'GET', '/api/doc/openapi.json')).json;
    expect(await validateOpenApi(document)).toEqual({ valid: true });
    const collections = Object.keys(document.paths).filter((p) => /^\/api\/\w+$/.test(p)).sort();
    expect(collections).toEqual([...TYPES.map((type) => `/api/${type}`), '/api/me', '/api/passwordresets', '/api/registration'].sort());
    expect(Object.keys(document.paths['/api/me']).sort()).toEqual(['get', 'patch']);
    expect(document.paths['/api/customers'].post).toBeUndefined();
    expect(JSON.stringify(document.components.schemas)).not.toMatch(/salesRepresentatives|lifetimeSalesValue|"owner"/);
    const page = await t.app.inject({ method: 'GET', url: '/api/doc' });
    expect([page.statusCode, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(page.body).toContain('/api/doc/openapi.json');
    expect(page.body).not.toContain('/admin/api/doc/openapi.json');
  });

  it('refuses a back-office token on /api and a storefront token on /admin/api', async () => {
    const admin = await login(t, 'admin@acme.test');
    expect((await api(t, admin, 'GET', '/api/customers')).status).toBe(401);
    expect((await api(t, people[0].token, 'GET', '/admin/api/customers')).status).toBe(401);
  });

  it('shuts out a customer user disabled after it signed in', async () => {
    const person = people.find((p) => p.role.endsWith('BUYER'))!;
    await sql(`UPDATE commerce.customer_user SET enabled = false WHERE id = $1`, [person.id]);
    expect((await api(t, person.token, 'GET', '/api/customers')).status).toBe(401);
    await sql(`UPDATE commerce.customer_user SET enabled = true WHERE id = $1`, [person.id]);
  });
});
