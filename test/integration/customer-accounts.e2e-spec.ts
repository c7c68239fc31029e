import { QueryBus } from '@nestjs/cqrs';
import { CustomerCreated, CustomerLifetimeValuesChanged } from '../../libs/contracts/commerce';
import { GetAccountForCustomerIdentity } from '../../libs/contracts/crm';
import { AccountLifetimeValuesSubscriber } from '../../libs/integration/customer-accounts/account-lifetime-values.subscriber';
import { LinkNewCustomerSubscriber } from '../../libs/integration/customer-accounts/link-new-customer.subscriber';
import { useApp } from '../harness/use-app';
import { api } from '../identity/auth-helpers';

type LifetimeRow = { attributes: { amount: string }; relationships: { channel: { data: { id: string } | null } } };

/** Domain §4.2 (strategy "each") and §3.4: every commerce customer has an account, which sums its customers' values. */
describe('commerce customers and their accounts (integration)', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { get, post, remove, ref, sql } = app;
  let sequence = 0;

  const customer = async (name: string, relationships: object = {}) => (await post('customers', { name }, relationships)).json.data.id as string;
  const paidOrder = async (customerId: string, subtotal: string) =>
    (await post('orders', { identifier: `INT-${++sequence}`, currency: 'USD', subtotal, total: subtotal, paymentStatus: 'full' }, { customer: ref('customers', customerId) }))
      .json.data.id as string;
  const accountOf = async (customerId: string): Promise<string | undefined> =>
    (await app.state.t.get(QueryBus).execute(new GetAccountForCustomerIdentity({ organizationId: app.state.ids.orgA, targetType: 'commerce.customer', targetId: customerId })))
      ?.id;
  const commerceValue = async (accountId: string) => {
    const rows: LifetimeRow[] = (await get(`/admin/api/accounts/${accountId}/lifetimevalues?include=channel`)).json.data;
    const [channel] = await sql(`SELECT id::text FROM crm.channel WHERE organization_id = $1 AND channel_type = 'commerce'`, [app.state.ids.orgA]);
    return rows.find((r) => r.relationships.channel.data?.id === channel?.id)?.attributes.amount;
  };

  it('gives a new customer its own account, named after it and owned by its owner', async () => {
    const id = await customer('Skynet Retail');
    await app.state.t.drain();
    const accountId = await accountOf(id);
    expect(accountId).toBeDefined();
    const account = (await get(`/admin/api/accounts/${accountId}`)).json.data;
    expect(account.attributes.name).toBe('Skynet Retail');
    expect(account.relationships.owner.data).toEqual({ type: 'users', id: app.state.ids.adminA });
    // A child gets its own account too (strategy "each").
    const child = await customer('Skynet Branch', { parent: ref('customers', id) });
    await app.state.t.drain();
    expect(await accountOf(child)).not.toBe(accountId);
  });

  it('does nothing more when the creation is delivered again', async () => {
    const id = await customer('Delivered Twice');
    await app.state.t.drain();
    await app.state.t.get(LinkNewCustomerSubscriber).handle(new CustomerCreated(id, 'Delivered Twice', null, null, app.state.ids.orgA));
    expect(await sql(`SELECT count(*)::int AS n FROM crm.account WHERE name = 'Delivered Twice'`)).toEqual([{ n: 1 }]);
  });

  it("sums its customers' lifetime sales values into the account's commerce channel, and follows merges and deletions", async () => {
    const first = await customer('First Buyer');
    const second = await customer('Second Buyer');
    await app.state.t.drain();
    await paidOrder(first, '100');
    const secondOrder = await paidOrder(second, '50.5');
    await app.state.t.drain();
    const [firstAccount, secondAccount] = [(await accountOf(first))!, (await accountOf(second))!];
    expect(await commerceValue(firstAccount)).toBe('100.0000');
    expect(await commerceValue(secondAccount)).toBe('50.5000');
    expect((await get(`/admin/api/accounts/${firstAccount}`)).json.data.attributes.lifetimeValue).toBe('100.0000');

    // Merging the second account into the first: one account, both customers, one total.
    const merged = await api(app.state.t, app.state.admin, 'POST', '/admin/api/accountmerges', {
      data: { type: 'accountmerges', attributes: { fields: {} }, relationships: { master: ref('accounts', firstAccount), accounts: { data: [firstAccount, secondAccount].map((id) => ({ type: 'accounts', id })) } } },
    });
    expect(merged.status).toBe(201);
    await app.state.t.drain();
    expect(await accountOf(second)).toBe(firstAccount);
    expect(await commerceValue(firstAccount)).toBe('150.5000');

    // The second customer goes (its order first): the account keeps the first customer's value only.
    expect((await remove('orders', secondOrder)).status).toBe(204);
    expect((await remove('customers', second)).status).toBe(204);
    await app.state.t.drain();
    expect(await accountOf(second)).toBeUndefined();
    expect(await commerceValue(firstAccount)).toBe('100.0000');
    expect(await sql(`SELECT count(*)::int AS n FROM integration.customer_account WHERE customer_id = $1`, [second])).toEqual([{ n: 0 }]);
  });

  it('leaves the customers of a deleted account without one, as Oro does', async () => {
    const id = await customer('Orphan Co');
    await app.state.t.drain();
    await paidOrder(id, '10');
    await app.state.t.drain();
    expect((await remove('accounts', (await accountOf(id))!)).status).toBe(204);
    await app.state.t.drain();
    expect(await accountOf(id)).toBeUndefined();
    expect(await sql(`SELECT count(*)::int AS n FROM integration.customer_account WHERE customer_id = $1`, [id])).toEqual([{ n: 0 }]);
    // Its value changes from then on touch no account.
    await paidOrder(id, '5');
    await app.state.t.drain();
    expect((await get(`/admin/api/customers/${id}`)).json.data.attributes.lifetimeSalesValue).toBe('15.0000');
  });

  it('takes the current values from Commerce, whatever an overtaken event says', async () => {
    const id = await customer('Late Event');
    await app.state.t.drain();
    await paidOrder(id, '70');
    await app.state.t.drain();
    await app.state.t.get(AccountLifetimeValuesSubscriber).handle(new CustomerLifetimeValuesChanged(app.state.ids.orgA, [id], ['0.0000'], 'USD'));
    expect(await commerceValue((await accountOf(id))!)).toBe('70.0000');
  });
});
