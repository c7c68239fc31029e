import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { EnsureSystemChannel, GetAccountLifetimeValue, RecordChannelLifetimeValues } from '../../libs/contracts/crm';
import { MessagingRegistry } from '../../libs/platform/runtime';
import { api } from '../identity/auth-helpers';
import { useCrmApp } from './use-crm-app';

describe('lifetime value', () => {
  const crm = useCrmApp();
  const { post, patch, ref, sql } = crm;
  const get = async (url: string) => (await api(crm.state.t, crm.state.admin, 'GET', url)).json;
  const drain = () => crm.state.t.drain();
  let account: string;
  let other: string;
  let sales: string;
  let buyer: string;

  beforeAll(async () => {
    account = (await post('accounts', { name: 'Valuable' })).json.data.id;
    other = (await post('accounts', { name: 'Other' })).json.data.id;
    sales = (await post('channels', { name: 'Sales', channelType: 'b2b', status: 'active' })).json.data.id;
    buyer = (await post('b2bcustomers', { name: 'Buyer' }, { account: ref('accounts', account), channel: ref('channels', sales) })).json.data.id;
    await post('currencyrates', { currency: 'EUR', rate: '1.1' });
  });

  const perChannel = async (accountId: string) =>
    (await get(`/admin/api/accounts/${accountId}/lifetimevalues`)).data
      .map((v: { attributes: { amount: string }; relationships: { channel: { data: { id: string } | null } } }) => [v.relationships.channel.data?.id ?? null, v.attributes.amount])
      .sort();

  it('sums won opportunities in the base currency per channel, in the background', async () => {
    const onBuyer = { customer: ref('b2bcustomers', buyer) };
    const won = { status: { data: { type: 'opportunitystatuses', id: 'won' } } };
    await post('opportunities', { name: 'Won USD', closeRevenueValue: '100' }, { ...onBuyer, ...won });
    await post('opportunities', { name: 'Won EUR', closeRevenueValue: '100', closeRevenueCurrency: 'EUR' }, { ...onBuyer, ...won });
    await post('opportunities', { name: 'Open', closeRevenueValue: '1000' }, onBuyer);
    await post('opportunities', { name: 'On the account', closeRevenueValue: '50' }, { account: ref('accounts', account), ...won });
    // Computed by jobs, not in the request.
    expect((await get(`/admin/api/accounts/${account}`)).data.attributes.lifetimeValue).toBe('0.0000');
    await drain();

    expect((await get(`/admin/api/b2bcustomers/${buyer}`)).data.attributes.lifetime).toBe('210.0000');
    expect((await get(`/admin/api/accounts/${account}`)).data.attributes.lifetimeValue).toBe('260.0000');
    expect(await perChannel(account)).toEqual([[null, '50.0000'], [sales, '210.0000']].sort());
    expect(await crm.state.t.get(QueryBus).execute(new GetAccountLifetimeValue(crm.state.ids.orgA, account))).toEqual({
      accountId: account,
      total: '260.0000',
      paidOrderCount: 0,
      channels: [
        { channelId: null, channelName: null, amount: '50.0000' },
        { channelId: sales, channelName: 'Sales', amount: '210.0000' },
      ],
    });
    const history = await sql(`SELECT channel_id::text AS channel, amount::text FROM crm.lifetime_value_history WHERE account_id = $1 ORDER BY id`, [account]);
    expect(history).toHaveLength(2);
  });

  it('recomputes both accounts when a won deal moves, and drops lost or deleted ones', async () => {
    const deal = (await post('opportunities', { name: 'Mover', closeRevenueValue: '40' }, { account: ref('accounts', account), status: { data: { type: 'opportunitystatuses', id: 'won' } } })).json.data.id;
    await drain();
    expect((await get(`/admin/api/accounts/${account}`)).data.attributes.lifetimeValue).toBe('300.0000');
    await patch('opportunities', deal, {}, { account: ref('accounts', other) });
    await drain();
    expect((await get(`/admin/api/accounts/${account}`)).data.attributes.lifetimeValue).toBe('260.0000');
    expect((await get(`/admin/api/accounts/${other}`)).data.attributes.lifetimeValue).toBe('40.0000');
    await patch('opportunities', deal, {}, { status: { data: { type: 'opportunitystatuses', id: 'lost' } } });
    await drain();
    expect((await get(`/admin/api/accounts/${other}`)).data.attributes.lifetimeValue).toBe('0.0000');
    const gone = (await post('opportunities', { name: 'Deleted', closeRevenueValue: '7' }, { account: ref('accounts', other), status: { data: { type: 'opportunitystatuses', id: 'won' } } })).json.data.id;
    await drain();
    expect((await api(crm.state.t, crm.state.admin, 'DELETE', `/admin/api/opportunities/${gone}`)).status).toBe(204);
    await drain();
    expect((await get(`/admin/api/accounts/${other}`)).data.attributes.lifetimeValue).toBe('0.0000');
  });

  it('records other channels’ values (RecordChannelLifetimeValues), with history only on change', async () => {
    const bus = crm.state.t.get(CommandBus);
    const commerce = await bus.execute(new EnsureSystemChannel(crm.state.ids.orgA, 'commerce', 'Commerce'));
    const historyCount = async () => (await sql(`SELECT count(*)::int AS n FROM crm.lifetime_value_history WHERE channel_id = $1`, [commerce]))[0].n;
    await bus.execute(new RecordChannelLifetimeValues(crm.state.ids.orgA, commerce, [account, other], ['300.5', '0']));
    await bus.execute(new RecordChannelLifetimeValues(crm.state.ids.orgA, commerce, [account], ['300.5']));
    expect(await historyCount()).toBe(1);
    expect((await get(`/admin/api/accounts/${account}`)).data.attributes.lifetimeValue).toBe('560.5000');
    // A CRM recomputation leaves other channels alone.
    await crm.state.t.get(MessagingRegistry).job('crm.recompute-lifetime')!.processor.run({ accountId: account }, { attempt: 1, key: 'test' });
    expect((await get(`/admin/api/accounts/${account}`)).data.attributes.lifetimeValue).toBe('560.5000');
  });

  it('a full recalculation restores every value from source, and running it again changes nothing', async () => {
    await sql(`UPDATE crm.account_lifetime_value SET amount = 999 WHERE account_id = $1 AND channel_id IS NULL`, [account]);
    await sql(`UPDATE crm.b2b_customer SET lifetime = 1 WHERE id = $1`, [buyer]);
    const job = crm.state.t.get(MessagingRegistry).job('crm.recompute-lifetime')!.processor;
    await job.run({ accountId: '*' }, { attempt: 1, key: 'test' });
    const before = await sql(`SELECT count(*)::int AS n FROM crm.lifetime_value_history`);
    await job.run({ accountId: '*' }, { attempt: 1, key: 'test' });
    expect(await sql(`SELECT count(*)::int AS n FROM crm.lifetime_value_history`)).toEqual(before);
    expect((await get(`/admin/api/b2bcustomers/${buyer}`)).data.attributes.lifetime).toBe('210.0000');
    expect((await get(`/admin/api/accounts/${account}`)).data.attributes.lifetimeValue).toBe('560.5000');
  });
});
