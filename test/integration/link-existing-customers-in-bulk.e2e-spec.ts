import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { CustomerCreated } from '../../libs/contracts/commerce';
import { LinkExistingCustomersJob } from '../../libs/integration/customer-accounts/link-existing-customers.job';
import { DatabaseHandle, Outbox, TransactionRunner, resolveModules, runMigrations } from '../../libs/platform/runtime';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { createTestDatabase } from '../harness/test-database';
import { api, login, seedIdentities } from '../identity/auth-helpers';

/** The customers of each organization before the integration, with the lifetime sales value of each. */
const TREES: Array<[name: string, parent: string | null, value: string]> = [
  ['X', null, '3'], // created as a root, later moved under R2 (its root then has a greater id than itself)
  ['R1', null, '10'],
  ['A', 'R1', '20'],
  ['A1', 'A', '5'],
  ['B', 'R1', '1'],
  ['R2', null, '7'],
  ['S', null, '0'],
];
const ROOT_OF: Record<string, string> = { X: 'R2', R1: 'R1', A: 'R1', A1: 'R1', B: 'R1', R2: 'R2', S: 'S' };

/**
 * Issue 16 / decision 6: enabling the integration over a Commerce database whose customers are in hierarchies links
 * them in set-based batches, under the strategy in force in each organization ("each" in Acme, "root" in Beta):
 * resumable after a killed worker, exact totals, and customers created meanwhile get one account.
 */
describe('linking pre-existing customers in batches', () => {
  let database: DatabaseHandle;
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seedIdentities>>;
  const customers: Record<'acme' | 'beta', Record<string, string>> = { acme: {}, beta: {} };
  const job = () => t.get(LinkExistingCustomersJob);
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);

  beforeAll(async () => {
    database = await createTestDatabase(resolveModules(['crm', 'commerce'], moduleCatalog));
    const before = await createTestApp({ modules: ['crm', 'commerce'], database });
    try {
      ids = await seedIdentities(before);
      await before.drain();
      for (const [org, email] of [['acme', 'admin@acme.test'], ['beta', 'admin@beta.test']] as const) {
        const admin = await login(before, email);
        const post = async (type: string, attributes: object, relationships: object = {}) =>
          (await api(before, admin, 'POST', `/admin/api/${type}`, { data: { type, attributes, relationships } })).json.data.id as string;
        for (const [name, parent, value] of TREES) {
          const parentRef = parent ? { parent: { data: { type: 'customers', id: customers[org][parent] } } } : {};
          customers[org][name] = await post('customers', { name: `${org} ${name}` }, parentRef);
          if (value !== '0') {
            await post('orders', { identifier: `${org}-${name}`, currency: 'USD', subtotal: value, total: value, paymentStatus: 'full' }, {
              customer: { data: { type: 'customers', id: customers[org][name] } },
            });
          }
        }
        const moved = await api(before, admin, 'PATCH', `/admin/api/customers/${customers[org].X}`, {
          data: { type: 'customers', id: customers[org].X, relationships: { parent: { data: { type: 'customers', id: customers[org].R2 } } } },
        });
        expect(moved.status).toBe(200);
      }
      await before.drain();
    } finally {
      await before.close();
    }
    await runMigrations(database, resolveModules(['crm', 'commerce', 'integration'], moduleCatalog));
    // Beta had chosen "root" (e.g. while the integration was enabled before): the linking follows it.
    t = await createTestApp({ database });
    await sql(`INSERT INTO platform.setting (organization_id, section, value) VALUES ($1, 'integration', '{"customerAccountStrategy": "root"}')`, [ids.orgB]);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await database.close();
  });

  const linkOf = async (customerId: string) =>
    (await sql(`SELECT account_id::text AS account FROM integration.customer_account WHERE customer_id = $1`, [customerId]))[0]?.account as string | undefined;
  const accountNamed = async (accountId: string) => (await sql(`SELECT name FROM crm.account WHERE id = $1`, [accountId]))[0]?.name;
  const count = async (q: string, p?: unknown[]) => (await sql(`SELECT count(*)::int AS n FROM ${q}`, p))[0].n as number;
  const progress = async (email: string) => {
    const token = await login(t, email);
    return (await api(t, token, 'GET', '/admin/api/settings/integration', undefined)).json.data.attributes.linkExistingCustomers;
  };

  it('a worker killed in the middle leaves whole batches only: nothing half-written, the cursor after the last one', async () => {
    // The 7th customer (Acme's S) cannot be linked: the 4th batch of 2 fails as a killed worker's would roll back.
    await sql(`ALTER TABLE integration.customer_account ADD CONSTRAINT killed_here CHECK (customer_id <> ${Number(customers.acme.S)})`);
    await expect(job().run({ batchSize: 2 })).rejects.toThrow();
    expect(await count(`integration.customer_account`)).toBe(6);
    expect(await count(`crm.account`)).toBe(6);
    expect(await count(`crm.customer_association WHERE target_type = 'commerce.customer'`)).toBe(6);
    const [cursor] = await sql(`SELECT after_customer_id::text AS after, finished_at FROM integration.link_existing_customers`);
    expect(cursor).toEqual({ after: customers.acme.R2, finished_at: null });
    expect(await progress('admin@acme.test')).toMatchObject({ state: 'running', done: 6, total: 7, finishedAt: null });
  });

  it('restarted, it ends with one account per customer under "each" and one per root under "root", every total exact', async () => {
    await sql(`ALTER TABLE integration.customer_account DROP CONSTRAINT killed_here`);
    await job().run({ batchSize: 2 });

    const acme = await Promise.all(TREES.map(([name]) => linkOf(customers.acme[name])));
    expect(new Set(acme).size).toBe(TREES.length);
    expect(await Promise.all(acme.map((a) => accountNamed(a!)))).toEqual(TREES.map(([name]) => `acme ${name}`));
    for (const [name] of TREES) expect(await linkOf(customers.beta[name])).toBe(await linkOf(customers.beta[ROOT_OF[name]]));
    expect(await accountNamed((await linkOf(customers.beta.R1))!)).toBe('beta R1');
    expect(await accountNamed((await linkOf(customers.beta.R2))!)).toBe('beta R2');
    expect(await count(`crm.account WHERE organization_id = $1`, [ids.orgA])).toBe(7);
    expect(await count(`crm.account WHERE organization_id = $1`, [ids.orgB])).toBe(3);
    // Every account's owner is its customer's (the administrator who created them), and CRM knows every customer.
    expect(await count(`crm.account WHERE owner_id IS DISTINCT FROM (CASE WHEN organization_id = $1 THEN $2 ELSE $3 END)::bigint`, [ids.orgA, ids.adminA, ids.adminB])).toBe(0);
    expect(await count(`crm.customer_association WHERE target_type = 'commerce.customer'`)).toBe(14);
    expect(await count(`crm.customer_association WHERE target_type IS NULL`)).toBe(10);

    const totals = await sql(
      `SELECT a.name, v.amount::text AS amount FROM crm.account_lifetime_value v JOIN crm.account a ON a.id = v.account_id
       JOIN crm.channel c ON c.id = v.channel_id AND c.channel_type = 'commerce' ORDER BY a.organization_id, a.name`,
    );
    expect(totals).toEqual([
      { name: 'acme A', amount: '20.0000' },
      { name: 'acme A1', amount: '5.0000' },
      { name: 'acme B', amount: '1.0000' },
      { name: 'acme R1', amount: '10.0000' },
      { name: 'acme R2', amount: '7.0000' },
      { name: 'acme X', amount: '3.0000' },
      { name: 'beta R1', amount: '36.0000' },
      { name: 'beta R2', amount: '10.0000' },
    ]);
    // The system commerce channel exists once per organization, even where every value is 0 (beta S).
    expect(await sql(`SELECT organization_id::text AS org, status FROM crm.channel WHERE channel_type = 'commerce' AND is_system ORDER BY organization_id`)).toEqual([
      { org: ids.orgA, status: 'active' },
      { org: ids.orgB, status: 'active' },
    ]);
    expect(await progress('admin@acme.test')).toMatchObject({ state: 'finished', done: 7, total: 7 });
    expect(await progress('admin@beta.test')).toMatchObject({ state: 'finished', done: 7, total: 7, finishedAt: expect.any(String) });
  });

  it('gives customers created while it runs their account once, whichever path reaches them first', async () => {
    const admin = await login(t, 'admin@acme.test');
    const accountsBefore = await count(`crm.account`);
    const created: string[] = [];
    // One customer through the API (linked in its request), one by another path (linked from its CustomerCreated event).
    const createWhileRunning = async () => {
      const response = await api(t, admin, 'POST', '/admin/api/customers', { data: { type: 'customers', attributes: { name: 'acme New API' } } });
      created.push(response.json.data.id);
      const id = await t.get(TransactionRunner).run(async (db) => {
        const [row] = await db.query(`INSERT INTO commerce.customer (organization_id, name, owner_id) VALUES ($1, 'acme New Import', $2) RETURNING id::text AS id`, [
          ids.orgA,
          ids.adminA,
        ]);
        await db.query(`UPDATE commerce.customer SET path = ARRAY[id] WHERE id = $1`, [row.id]);
        await t.get(Outbox).publish(new CustomerCreated(row.id, 'acme New Import', null, ids.adminA, ids.orgA));
        return row.id as string;
      });
      created.push(id);
    };
    await Promise.all([job().run({ again: true, batchSize: 1 }), createWhileRunning()]);
    await t.drain();
    await job().run({ again: true });
    for (const id of created) {
      expect(await count(`integration.customer_account WHERE customer_id = $1`, [id])).toBe(1);
      expect(await count(`crm.customer_association WHERE target_type = 'commerce.customer' AND target_id = $1`, [id])).toBe(1);
    }
    expect(await count(`crm.account`)).toBe(accountsBefore + 2);
    expect(await count(`integration.customer_account`)).toBe(16);
  });
});
