import { IntegrationStore } from '../../libs/integration/shared/integration-store';
import { ReassignCustomerAccountsJob } from '../../libs/integration/strategy/reassign-customer-accounts.job';
import { useApp } from '../harness/use-app';
import { api } from '../identity/auth-helpers';

/**
 * Issue 11 item 4 (S4): the strategy switch reassigns customers in set-based batches, resumes after a killed batch,
 * shows its progress in the settings, and moves the customers' opportunities and the accounts' totals with them.
 */
describe('switching the account strategy in batches', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, ref, sql } = app;
  const ids: Record<string, string> = {};
  const own: Record<string, string> = {};
  let opportunity: string;

  const accountOf = async (name: string) =>
    (await sql(`SELECT account_id::text AS id FROM integration.customer_account WHERE customer_id = $1`, [ids[name]]))[0].id as string;
  const commerceTotals = async () =>
    Object.fromEntries(
      (
        await sql(
          `SELECT v.account_id::text AS account, v.amount::text AS amount FROM crm.account_lifetime_value v
           JOIN crm.channel c ON c.id = v.channel_id AND c.channel_type = 'commerce' WHERE v.organization_id = $1`,
          [app.state.ids.orgA],
        )
      ).map((r: { account: string; amount: string }) => [r.account, r.amount]),
    );
  const opportunityAccount = async () => (await get(`/admin/api/opportunities/${opportunity}`)).json.data.relationships.account.data.id as string;
  const job = () => app.state.t.get(ReassignCustomerAccountsJob);

  beforeAll(async () => {
    // By id: R, A, A1, B, S, C — batches of 2 are [R, A], [A1, B], [S, C].
    for (const [name, parent, value] of [
      ['R', null, '10'],
      ['A', 'R', '20'],
      ['A1', 'A', '5'],
      ['B', 'R', '1'],
      ['S', null, '100'],
      ['C', 'S', '2'],
    ] as const) {
      ids[name] = (await post('customers', { name: `Switch ${name}` }, parent ? { parent: ref('customers', ids[parent]) } : {})).json.data.id;
      await post('orders', { identifier: `SW-${name}`, currency: 'USD', subtotal: value, total: value, paymentStatus: 'full' }, { customer: ref('customers', ids[name]) });
    }
    opportunity = (await post('opportunities', { name: 'Deal on A' }, { customer: ref('customers', ids.A) })).json.data.id;
    await app.state.t.drain();
    for (const name of Object.keys(ids)) own[name] = await accountOf(name);
  });

  it('to "root": a batch killed in the middle leaves whole batches, and the rerun resumes after them', async () => {
    await sql(
      `INSERT INTO platform.setting (organization_id, section, value) VALUES ($1, 'integration', '{"customerAccountStrategy": "root"}')
       ON CONFLICT (organization_id, section) DO UPDATE SET value = excluded.value`,
      [app.state.ids.orgA],
    );
    await job().start(app.state.t.get(IntegrationStore), app.state.ids.orgA);
    await sql(`ALTER TABLE integration.customer_account ADD CONSTRAINT killed_here CHECK (customer_id <> ${Number(ids.B)} OR account_id = ${Number(own.B)})`);
    await expect(job().run({ organizationId: app.state.ids.orgA, batchSize: 2 })).rejects.toThrow();
    expect(await accountOf('A')).toBe(own.R);
    expect(await accountOf('A1')).toBe(own.A1);
    expect(await accountOf('C')).toBe(own.C);
    expect((await get('/admin/api/settings/integration')).json.data.attributes.reassignCustomerAccounts).toMatchObject({ state: 'running', done: 2, total: 6 });

    await sql(`ALTER TABLE integration.customer_account DROP CONSTRAINT killed_here`);
    await job().run({ organizationId: app.state.ids.orgA, batchSize: 2 });
    for (const name of ['A', 'A1', 'B']) expect(await accountOf(name)).toBe(own.R);
    expect(await accountOf('C')).toBe(own.S);
    // The accounts left and joined wait for their totals, which the background path records from their links.
    const waiting = await sql(`SELECT DISTINCT account_id::text AS id FROM integration.pending_account_total WHERE organization_id = $1`, [app.state.ids.orgA]);
    expect(waiting.map((r: { id: string }) => r.id).sort()).toEqual(Object.values(own).sort());
    await app.state.t.drain();
    expect(await sql(`SELECT 1 FROM integration.pending_account_total`)).toEqual([]);
    expect(await commerceTotals()).toEqual({
      [own.R]: '36.0000',
      [own.A]: '0.0000',
      [own.A1]: '0.0000',
      [own.B]: '0.0000',
      [own.S]: '102.0000',
      [own.C]: '0.0000',
    });
    // The customer's CRM identity moved, and the opportunity on it with it.
    expect(await opportunityAccount()).toBe(own.R);
    const [association] = await sql(`SELECT account_id::text AS account FROM crm.customer_association WHERE target_type = 'commerce.customer' AND target_id = $1`, [ids.A1]);
    expect(association.account).toBe(own.R);
    expect((await get('/admin/api/settings/integration')).json.data.attributes.reassignCustomerAccounts).toMatchObject({ state: 'finished', done: 6, total: 6 });
  });

  it('back to "each" through the settings: every customer gets the account it had, totals and opportunity follow, progress shown', async () => {
    const response = await api(app.state.t, app.state.admin, 'PATCH', '/admin/api/settings/integration', {
      data: { type: 'settings', id: 'integration', attributes: { customerAccountStrategy: 'each', reassignCustomerAccounts: null } },
    });
    // The status is read-only: sent back, it is ignored.
    expect(response.status).toBe(200);
    expect(response.json.data.attributes.customerAccountStrategy).toBe('each');
    await app.state.t.drain();
    for (const name of Object.keys(ids)) expect(await accountOf(name)).toBe(own[name]);
    expect(await commerceTotals()).toEqual({
      [own.R]: '10.0000',
      [own.A]: '20.0000',
      [own.A1]: '5.0000',
      [own.B]: '1.0000',
      [own.S]: '100.0000',
      [own.C]: '2.0000',
    });
    expect(await opportunityAccount()).toBe(own.A);
    const status = (await get('/admin/api/settings/integration')).json.data.attributes.reassignCustomerAccounts;
    expect(status).toEqual({
      state: 'finished',
      done: 6,
      total: 6,
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      updatedAt: expect.any(String),
      finishedAt: expect.any(String),
      customersPerSecond: expect.any(Number),
    });
  });
});
