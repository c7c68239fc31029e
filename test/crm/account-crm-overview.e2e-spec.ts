import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetAccountCrmOverview, ListOpportunitiesForCustomerIdentities, RegisterCustomerIdentity } from '../../libs/contracts/crm';
import { useCrmApp } from './use-crm-app';

/** `GetAccountCrmOverview`: what the single CRM queries answer about an account, in one statement, each part only when asked. */
describe('GetAccountCrmOverview', () => {
  const crm = useCrmApp();
  const { post, ref, sql } = crm;
  const overview = (accountId: string, parts: ConstructorParameters<typeof GetAccountCrmOverview>[2]) =>
    crm.state.t.get(QueryBus).execute(new GetAccountCrmOverview(crm.state.ids.orgA, accountId, parts));

  it('answers the account, its open opportunities, contacts and customer identities in number order with their opportunities', async () => {
    const account = (await post('accounts', { name: 'Overview account' })).json.data.id;
    await post('contacts', { firstName: 'Zoe', lastName: 'Adams' }, { accounts: { data: [{ type: 'accounts', id: account }] } });
    await post('opportunities', { name: 'Open deal' }, { account: ref('accounts', account) });
    await post('opportunities', { name: 'Won deal', closeRevenueValue: '5' }, { account: ref('accounts', account), status: { data: { type: 'opportunitystatuses', id: 'won' } } });
    for (const targetId of ['10', '9', '100']) {
      await crm.state.t.get(CommandBus).execute(new RegisterCustomerIdentity({ organizationId: crm.state.ids.orgA, targetType: 'shop.customer', targetId }, account));
    }
    // The open deal moves to customer 9.
    await sql(
      `UPDATE crm.opportunity SET customer_association_id = (SELECT id FROM crm.customer_association WHERE target_type = 'shop.customer' AND target_id = '9')
       WHERE name = 'Open deal'`,
    );

    const all = (await overview(account, {
      openOpportunities: { limit: 20 },
      contacts: { limit: 10 },
      identities: { targetType: 'shop.customer', withOpportunities: 1, opportunityLimit: 20 },
    }))!;
    expect(all.account).toMatchObject({ id: account, name: 'Overview account' });
    expect(all.lifetime).toMatchObject({ accountId: account, paidOrderCount: 0 });
    expect(all.openOpportunities!.map((o: { name: string }) => o.name)).toEqual(['Open deal']);
    expect(all.contacts).toEqual({ total: 1, items: [expect.objectContaining({ firstName: 'Zoe', lastName: 'Adams' })] });
    expect(all.identityIds).toEqual(['9', '10', '100']);
    // The same as asked for one by one.
    const single = await crm.state.t.get(QueryBus).execute(new ListOpportunitiesForCustomerIdentities(crm.state.ids.orgA, 'shop.customer', ['9'], { openOnly: true, limit: 20 }));
    expect(all.identityOpportunities).toEqual(single);
    expect(Object.keys(all.identityOpportunities!)).toEqual(['9']);

    // Parts not asked are not read; an unknown account is null.
    const bare = (await overview(account, {}))!;
    expect(Object.keys(bare).sort()).toEqual(['account', 'lifetime']);
    expect(await overview('999999999', {})).toBeNull();
  });
});
