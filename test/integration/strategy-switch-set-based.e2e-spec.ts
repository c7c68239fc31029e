import { IntegrationStore } from '../../libs/integration/shared/integration-store';
import { ReassignCustomerAccountsJob } from '../../libs/integration/strategy/reassign-customer-accounts.job';
import { useApp } from '../harness/use-app';
import { api } from '../identity/auth-helpers';

/**
 * Issue 11 item 4: the switch decides from the links' own record of each customer's root (kept on re-parenting under
 * any strategy, learnt from Commerce for links made before it), links customers that have no account, and leaves the
 * totals to the waiting list, which a payment arriving meanwhile does not disturb.
 */
describe('the set-based strategy switch', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, patch, ref, sql } = app;
  const ids: Record<string, string> = {};
  const own: Record<string, string> = {};
  let order = 0;

  const pay = (name: string, amount: string) =>
    post('orders', { identifier: `SB-${++order}`, currency: 'USD', subtotal: amount, total: amount, paymentStatus: 'full' }, { customer: ref('customers', ids[name]) });
  const accountOf = async (name: string) =>
    (await sql(`SELECT account_id::text AS id FROM integration.customer_account WHERE customer_id = $1`, [ids[name]]))[0]?.id as string | undefined;
  const setStrategy = async (strategy: string) => {
    const response = await api(app.state.t, app.state.admin, 'PATCH', '/admin/api/settings/integration', {
      data: { type: 'settings', id: 'integration', attributes: { customerAccountStrategy: strategy } },
    });
    expect(response.status).toBe(200);
  };
  /** Every account holding customers: its commerce total as recorded, and Σ of its customers' values in Commerce. */
  const totalsAgainstSource = async () => {
    const recorded = await sql(
      `SELECT v.account_id::text AS account, v.amount::text AS amount FROM crm.account_lifetime_value v
       JOIN crm.channel c ON c.id = v.channel_id AND c.channel_type = 'commerce' WHERE v.organization_id = $1`,
      [app.state.ids.orgA],
    );
    const expected = await sql(
      `SELECT l.account_id::text AS account, sum(c.lifetime_sales_value)::numeric(19, 4)::text AS amount
       FROM integration.customer_account l JOIN commerce.customer c ON c.id = l.customer_id WHERE l.organization_id = $1 GROUP BY l.account_id`,
      [app.state.ids.orgA],
    );
    const held = new Map(expected.map((r: { account: string; amount: string }) => [r.account, r.amount]));
    return Object.fromEntries(recorded.map((r: { account: string; amount: string }) => [r.account, [r.amount, held.get(r.account) ?? '0.0000']]));
  };
  const expectExactTotals = async () => {
    for (const [account, [recorded, expected]] of Object.entries(await totalsAgainstSource())) expect([account, recorded]).toEqual([account, expected]);
  };

  beforeAll(async () => {
    for (const [name, parent] of [
      ['R', null],
      ['A', 'R'],
      ['B', 'A'],
      ['S', null],
      ['C', 'S'],
    ] as const) {
      ids[name] = (await post('customers', { name: `Set ${name}` }, parent ? { parent: ref('customers', ids[parent]) } : {})).json.data.id;
      await pay(name, '10');
    }
    await app.state.t.drain();
    for (const name of Object.keys(ids)) own[name] = (await accountOf(name))!;
  });

  it('keeps each customer\'s root on its link, and follows a re-parenting under "each"', async () => {
    const roots = await sql(`SELECT customer_id::text AS id, root_customer_id::text AS root FROM integration.customer_account WHERE organization_id = $1`, [
      app.state.ids.orgA,
    ]);
    expect(Object.fromEntries(roots.map((r: { id: string; root: string }) => [r.id, r.root]))).toEqual({
      [ids.R]: ids.R,
      [ids.A]: ids.R,
      [ids.B]: ids.R,
      [ids.S]: ids.S,
      [ids.C]: ids.S,
    });
    expect((await patch('customers', ids.A, {}, { parent: ref('customers', ids.S) })).status).toBe(200);
    await app.state.t.drain();
    const [a, b] = await sql(`SELECT root_customer_id::text AS root FROM integration.customer_account WHERE customer_id IN ($1, $2) ORDER BY customer_id`, [ids.A, ids.B]);
    expect([a.root, b.root]).toEqual([ids.S, ids.S]);
    // Under "each" nobody moves.
    expect(await accountOf('A')).toBe(own.A);
  });

  it('to "root": links made before roots were kept learn them, a customer without an account is linked, totals settle exact', async () => {
    await sql(`UPDATE integration.customer_account SET root_customer_id = NULL WHERE customer_id IN ($1, $2)`, [ids.B, ids.C]);
    // C's account deleted in CRM: C stays without one (domain §2.4).
    expect((await api(app.state.t, app.state.admin, 'DELETE', `/admin/api/accounts/${own.C}`)).status).toBe(204);
    await app.state.t.drain();
    expect(await accountOf('C')).toBeUndefined();
    await setStrategy('root');
    await app.state.t.drain();
    // A and B follow S (A's new root); C, which had no link, joins S's account; R keeps its own.
    for (const name of ['A', 'B', 'C']) expect(await accountOf(name)).toBe(own.S);
    expect(await accountOf('R')).toBe(own.R);
    const [b] = await sql(`SELECT root_customer_id::text AS root, previous_account_id::text AS previous FROM integration.customer_account WHERE customer_id = $1`, [ids.B]);
    expect(b).toEqual({ root: ids.S, previous: own.B });
    expect(await sql(`SELECT 1 FROM integration.pending_account_total`)).toEqual([]);
    await expectExactTotals();
    expect((await totalsAgainstSource())[own.S]).toEqual(['40.0000', '40.0000']);
    expect((await get('/admin/api/settings/integration')).json.data.attributes.reassignCustomerAccounts).toMatchObject({ state: 'finished', done: 5, total: 5 });
  });

  it('back to "each": previous accounts restored; a payment made before the waiting totals are recorded is counted once', async () => {
    await sql(`UPDATE platform.setting SET value = '{"customerAccountStrategy": "each"}' WHERE organization_id = $1 AND section = 'integration'`, [app.state.ids.orgA]);
    const job = app.state.t.get(ReassignCustomerAccountsJob);
    await job.start(app.state.t.get(IntegrationStore), app.state.ids.orgA);
    await job.run({ organizationId: app.state.ids.orgA });
    expect((await sql(`SELECT 1 FROM integration.pending_account_total`)).length).toBeGreaterThan(0);
    await pay('B', '5');
    await app.state.t.drain();
    for (const name of ['A', 'B']) expect(await accountOf(name)).toBe(own[name]);
    expect(await accountOf('R')).toBe(own.R);
    expect(await accountOf('S')).toBe(own.S);
    await expectExactTotals();
    expect((await totalsAgainstSource())[own.B]).toEqual(['15.0000', '15.0000']);
    expect((await totalsAgainstSource())[own.S]).toEqual(['10.0000', '10.0000']);
  });

  it('back to "each" again after a remembered account was deleted: that child gets a new account named after it', async () => {
    await setStrategy('root');
    await app.state.t.drain();
    expect(await accountOf('A')).toBe(own.S);
    expect((await api(app.state.t, app.state.admin, 'DELETE', `/admin/api/accounts/${own.A}`)).status).toBe(204);
    await app.state.t.drain();
    await setStrategy('each');
    await app.state.t.drain();
    const fresh = (await accountOf('A'))!;
    expect([own.A, own.S]).not.toContain(fresh);
    expect((await get(`/admin/api/accounts/${fresh}`)).json.data.attributes.name).toBe('Set A');
    expect(await accountOf('B')).toBe(own.B);
    const [identity] = await sql(`SELECT account_id::text AS account FROM crm.customer_association WHERE target_type = 'commerce.customer' AND target_id = $1`, [ids.A]);
    expect(identity.account).toBe(fresh);
    await expectExactTotals();
  });
});
