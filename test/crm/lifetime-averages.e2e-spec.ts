import { Scheduler } from '../../libs/platform/runtime';
import { login } from '../identity/auth-helpers';
import { useCrmApp } from './use-crm-app';
import { AggregateLifetimeAveragesJob } from '../../libs/crm/lifetime/aggregate-lifetime-averages.job';

describe('monthly average lifetime value per channel', () => {
  const { state, post, get, sql } = useCrmApp();
  let channel: string;

  beforeAll(async () => {
    channel = (await post('channels', { name: 'Sales', channelType: 'b2b', status: 'active' })).json.data.id;
    const accounts: string[] = [];
    for (const name of ['A', 'B', 'C']) accounts.push((await post('accounts', { name })).json.data.id);
    const [a, b, c] = accounts;
    // History two months ago and last month (UTC calendar months), as the lifetime jobs would have written it.
    const history: Array<[string, string | null, string, string]> = [
      [a, channel, '100', `date_trunc('month', now() AT TIME ZONE 'UTC') - interval '2 months' + interval '9 days'`],
      [a, channel, '300', `date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month' + interval '4 days'`],
      [b, channel, '50', `date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month' + interval '19 days'`],
      [c, null, '40', `date_trunc('month', now() AT TIME ZONE 'UTC') - interval '2 months'`],
    ];
    for (const [account, ch, amount, at] of history) {
      await sql(
        `INSERT INTO crm.lifetime_value_history (organization_id, account_id, channel_id, amount, created_at) VALUES ($1, $2, $3, $4, (${at}) AT TIME ZONE 'UTC')`,
        [state.ids.orgA, account, ch, amount],
      );
    }
  });

  const averages = async (filter: string) =>
    (await get(`/admin/api/lifetimeaverages?${filter}&sort=aggregationDate`)).json.data.map(
      (r: { attributes: { month: number; amount: string } }) => [r.attributes.month, r.attributes.amount],
    );
  const monthsAgo = (n: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - n, 1)).getUTCMonth() + 1;

  it('is requested once a day by exactly one scheduler run, and fills the current month', async () => {
    const scheduler = state.t.get(Scheduler);
    const now = new Date();
    expect(await scheduler.runDue(now)).toEqual([]); // first sight: the next 04:00 UTC is ahead
    const tomorrow = new Date(now.getTime() + 24 * 3600 * 1000);
    // (The platform's nightly reconciliation of lifetime values and its purge of old operations fall due the same day.)
    expect(await scheduler.runDue(tomorrow)).toEqual(['crm.lifetime-averages', 'platform.reconcile.lifetime', 'platform.purge-async-operations']);
    expect(await scheduler.runDue(tomorrow)).toEqual([]); // claimed already
    await state.t.drain();
    expect(await averages(`filter[channel]=${channel}`)).toEqual([[monthsAgo(0), '175.0000']]);
  });

  it('rebuilds every month on a forced run: the average of each account\'s latest value before the month ended', async () => {
    await state.t.get(AggregateLifetimeAveragesJob).run({ force: true });
    expect(await averages(`filter[channel]=${channel}`)).toEqual([
      [monthsAgo(2), '100.0000'],
      [monthsAgo(1), '175.0000'],
      [monthsAgo(0), '175.0000'],
    ]);
    const noChannel = (await get('/admin/api/lifetimeaverages?sort=aggregationDate')).json.data.filter(
      (r: { relationships: { channel: { data: unknown } } }) => r.relationships.channel.data === null,
    );
    expect(noChannel.map((r: { attributes: { amount: string } }) => r.attributes.amount)).toEqual(['40.0000', '40.0000', '40.0000']);
    // Rerunning changes nothing.
    await state.t.get(AggregateLifetimeAveragesJob).run({ force: false });
    expect(await averages(`filter[channel]=${channel}`)).toHaveLength(3);
  });

  it('is organization-scoped and read-only', async () => {
    const beta = await login(state.t, 'admin@beta.test');
    expect((await get('/admin/api/lifetimeaverages', beta)).json.data).toEqual([]);
    expect((await post('lifetimeaverages', { amount: '1' })).status).toBe(405);
  });
});
