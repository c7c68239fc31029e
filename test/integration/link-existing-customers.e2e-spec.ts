import { QueryBus } from '@nestjs/cqrs';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { GetAccountForCustomerIdentity } from '../../libs/contracts/crm';
import { LinkExistingCustomersJob } from '../../libs/integration/customer-accounts/link-existing-customers.job';
import { DatabaseHandle, Scheduler, TransactionRunner, resolveModules, runMigrations } from '../../libs/platform/runtime';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { createTestDatabase } from '../harness/test-database';
import { api, login, seedIdentities } from '../identity/auth-helpers';

/** Decision 6 / domain §4.4: enabling the integration over existing commerce data links every customer, by itself. */
describe('enabling the integration over existing customers', () => {
  let database: DatabaseHandle;
  let t: TestApp;
  let organizationId: string;
  const customers: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(resolveModules(['crm', 'commerce'], moduleCatalog));
    const before = await createTestApp({ modules: ['crm', 'commerce'], database });
    try {
      organizationId = (await seedIdentities(before)).orgA;
      await before.drain();
      const admin = await login(before, 'admin@acme.test');
      const post = async (type: string, attributes: object, relationships: object = {}) =>
        (await api(before, admin, 'POST', `/admin/api/${type}`, { data: { type, attributes, relationships } })).json.data.id as string;
      customers.root = await post('customers', { name: 'Old Root' });
      customers.child = await post('customers', { name: 'Old Child' }, { parent: { data: { type: 'customers', id: customers.root } } });
      customers.idle = await post('customers', { name: 'Old Idle' });
      for (const [customer, subtotal] of [[customers.root, '40'], [customers.child, '2.5']]) {
        await post('orders', { identifier: `OLD-${customer}`, currency: 'USD', subtotal, total: subtotal, paymentStatus: 'full' }, { customer: { data: { type: 'customers', id: customer } } });
      }
      await before.drain();
    } finally {
      await before.close();
    }
    // The integration is enabled: its migrations run, then the application starts with it.
    await runMigrations(database, resolveModules(['crm', 'commerce', 'integration'], moduleCatalog));
    t = await createTestApp({ database });
  });
  afterAll(async () => {
    await t.close();
    await database.close();
  });

  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);
  const accountOf = async (customerId: string): Promise<{ id: string; name: string } | null> =>
    t.get(QueryBus).execute(new GetAccountForCustomerIdentity({ organizationId, targetType: 'commerce.customer', targetId: customerId }));

  it('gives each existing customer its own account within a minute, with its lifetime sales value', async () => {
    const scheduler = t.get(Scheduler);
    const now = new Date();
    await scheduler.runDue(now); // first sight: due at the next minute
    expect(await scheduler.runDue(new Date(now.getTime() + 120_000))).toContain('integration.link-existing-customers');
    await t.drain();

    const accounts = await Promise.all(Object.values(customers).map(accountOf));
    expect(accounts.map((a) => a?.name)).toEqual(['Old Root', 'Old Child', 'Old Idle']);
    expect(new Set(accounts.map((a) => a?.id)).size).toBe(3);
    const totals = await sql(
      `SELECT v.account_id::text AS account, v.amount::text AS amount FROM crm.account_lifetime_value v
       JOIN crm.channel c ON c.id = v.channel_id AND c.channel_type = 'commerce' ORDER BY v.account_id`,
    );
    expect(totals).toEqual([
      { account: accounts[0]!.id, amount: '40.0000' },
      { account: accounts[1]!.id, amount: '2.5000' },
    ]);
    expect(await sql(`SELECT finished_at IS NOT NULL AS finished FROM integration.link_existing_customers`)).toEqual([{ finished: true }]);
  });

  it('changes nothing when run again, even from the start', async () => {
    const count = async () => (await sql(`SELECT count(*)::int AS n FROM crm.account`))[0].n;
    const before = await count();
    await t.get(LinkExistingCustomersJob).run({});
    await t.get(LinkExistingCustomersJob).run({ again: true });
    expect(await count()).toBe(before);
    expect(await sql(`SELECT count(*)::int AS n FROM integration.customer_account`)).toEqual([{ n: 3 }]);
  });
});
