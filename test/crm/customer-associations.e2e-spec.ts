import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  GetAccountForCustomerIdentity,
  AttachToCustomerIdentity,
  ListAccountOpportunities,
  ListOpportunitiesForCustomerIdentity,
  MoveCustomerIdentity,
  RegisterCustomerIdentity,
  RemoveCustomerIdentity,
} from '../../libs/contracts/crm';
import { api } from '../identity/auth-helpers';
import { useCrmApp } from './use-crm-app';

describe('customer associations and business customers', () => {
  const crm = useCrmApp();
  const { sql, post, ref } = crm;

  it('gives every account its own association', async () => {
    const account = await post('accounts', { name: 'Own association' });
    expect(await sql(`SELECT target_type FROM crm.customer_association WHERE account_id = $1`, [account.json.data.id])).toEqual([{ target_type: null }]);
  });

  it('links, moves and removes customer identities of other modules (contracts)', async () => {
    const first = (await post('accounts', { name: 'First' })).json.data.id;
    const second = (await post('accounts', { name: 'Second' })).json.data.id;
    const identity = { organizationId: crm.state.ids.orgA, targetType: 'commerce.customer', targetId: '42' };
    const bus = crm.state.t.get(CommandBus);
    const association = await bus.execute(new RegisterCustomerIdentity(identity, first));
    expect(await bus.execute(new RegisterCustomerIdentity(identity, second))).toBe(association); // idempotent
    expect((await crm.state.t.get(QueryBus).execute(new GetAccountForCustomerIdentity(identity)))?.id).toBe(first);
    expect(await bus.execute(new MoveCustomerIdentity(identity, second))).toBe(association);
    expect((await crm.state.t.get(QueryBus).execute(new GetAccountForCustomerIdentity(identity)))?.id).toBe(second);
    await expect(bus.execute(new RegisterCustomerIdentity({ ...identity, targetId: '43' }, '999999'))).rejects.toThrow('The account does not exist.');
    await bus.execute(new RemoveCustomerIdentity(identity));
    expect(await crm.state.t.get(QueryBus).execute(new GetAccountForCustomerIdentity(identity))).toBeNull();
    // Another organization's view of the same identity is independent.
    expect(await crm.state.t.get(QueryBus).execute(new GetAccountForCustomerIdentity({ ...identity, organizationId: crm.state.ids.orgB }))).toBeNull();
  });

  it('lists the opportunities of a customer identity (contract), open ones only on request', async () => {
    const account = (await post('accounts', { name: 'Identity deals' })).json.data.id;
    const identity = { organizationId: crm.state.ids.orgA, targetType: 'commerce.customer', targetId: '77' };
    const association = await crm.state.t.get(CommandBus).execute(new RegisterCustomerIdentity(identity, account));
    const open = (await post('opportunities', { name: 'Open deal', budgetAmountValue: '100' }, { account: ref('accounts', account) })).json.data.id;
    const won = (await post('opportunities', { name: 'Won deal', closeRevenueValue: '50' }, { account: ref('accounts', account), status: { data: { type: 'opportunitystatuses', id: 'won' } } })).json.data.id;
    await post('opportunities', { name: 'On the account itself' }, { account: ref('accounts', account) });
    // The integration module attaches them to the identity's association; here it is done directly.
    await sql(`UPDATE crm.opportunity SET customer_association_id = $1 WHERE id = ANY($2::bigint[])`, [association, [open, won]]);

    const list = (options = {}) => crm.state.t.get(QueryBus).execute(new ListOpportunitiesForCustomerIdentity(identity, options));
    const all = await list();
    expect(all.map((o: { name: string }) => o.name)).toEqual(['Won deal', 'Open deal']);
    expect(all[0]).toMatchObject({ id: won, status: 'won', closeRevenue: '50.0000', baseCloseRevenue: '50.0000', probability: '1.0000' });
    expect(all[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect((await list({ openOnly: true })).map((o: { id: string }) => o.id)).toEqual([open]);
    expect(await crm.state.t.get(QueryBus).execute(new ListOpportunitiesForCustomerIdentity({ ...identity, organizationId: crm.state.ids.orgB }))).toEqual([]);

    // The account's own list has them all, whatever they are attached to.
    const ofAccount = (options = {}) => crm.state.t.get(QueryBus).execute(new ListAccountOpportunities(crm.state.ids.orgA, account, options));
    expect((await ofAccount()).map((o: { name: string }) => o.name)).toEqual(['On the account itself', 'Won deal', 'Open deal']);
    expect((await ofAccount({ openOnly: true })).map((o: { name: string }) => o.name)).toEqual(['On the account itself', 'Open deal']);
    expect(await crm.state.t.get(QueryBus).execute(new ListAccountOpportunities(crm.state.ids.orgB, account))).toEqual([]);
  });

  it('attaches an opportunity to a customer identity of its account, and keeps it on the account when the identity goes', async () => {
    const bus = crm.state.t.get(CommandBus);
    const orgA = crm.state.ids.orgA;
    const account = (await post('accounts', { name: 'Attach here' })).json.data.id;
    const elsewhere = (await post('accounts', { name: 'Elsewhere' })).json.data.id;
    const identity = { organizationId: orgA, targetType: 'commerce.customer', targetId: '501' };
    const foreign = { organizationId: orgA, targetType: 'commerce.customer', targetId: '502' };
    await bus.execute(new RegisterCustomerIdentity(identity, account));
    await bus.execute(new RegisterCustomerIdentity(foreign, elsewhere));
    const deal = (await post('opportunities', { name: 'Attached deal', closeRevenueValue: '10' }, { account: ref('accounts', account), status: { data: { type: 'opportunitystatuses', id: 'won' } } })).json.data.id;

    await bus.execute(new AttachToCustomerIdentity(orgA, 'opportunity', deal, identity));
    const listed = await crm.state.t.get(QueryBus).execute(new ListOpportunitiesForCustomerIdentity(identity));
    expect(listed.map((o: { id: string }) => o.id)).toEqual([deal]);
    await expect(bus.execute(new AttachToCustomerIdentity(orgA, 'opportunity', deal, foreign))).rejects.toThrow('The customer should be a part of the specified account.');

    // The identity goes (its customer was deleted): the opportunity stays, on the account itself, and still counts.
    await bus.execute(new RemoveCustomerIdentity(identity));
    const kept = (await crm.get(`/admin/api/opportunities/${deal}`)).json.data;
    expect(kept.relationships.account.data).toEqual({ type: 'accounts', id: account });
    expect(await crm.state.t.get(QueryBus).execute(new ListOpportunitiesForCustomerIdentity(identity))).toEqual([]);
    await crm.state.t.drain();
    expect((await crm.get(`/admin/api/accounts/${account}`)).json.data.attributes.lifetimeValue).toBe('10.0000');
  });

  it('keeps a business customer in a b2b channel, under its account, with its association following the account', async () => {
    const account = (await post('accounts', { name: 'B2B parent' })).json.data.id;
    const other = (await post('accounts', { name: 'B2B new parent' })).json.data.id;
    const sales = (await post('channels', { name: 'Sales', channelType: 'b2b' })).json.data.id;
    const custom = (await post('channels', { name: 'Custom', channelType: 'custom' })).json.data.id;

    const wrongChannel = await post('b2bcustomers', { name: 'Wrong' }, { account: ref('accounts', account), channel: ref('channels', custom) });
    expect(wrongChannel.status).toBe(400);
    expect(wrongChannel.json.errors[0].source.pointer).toBe('/data/relationships/channel/data');
    const noChannel = await post('b2bcustomers', { name: 'No channel' }, { account: ref('accounts', account) });
    expect(noChannel.json.errors[0]).toMatchObject({ title: 'not blank constraint', source: { pointer: '/data/relationships/channel/data' } });

    const customer = await post(
      'b2bcustomers',
      { name: 'Buyer Ltd', emails: [{ email: 'buy@buyer.test', primary: true }], lifetime: '999.0000' },
      { account: ref('accounts', account), channel: ref('channels', sales) },
    );
    expect(customer.status).toBe(201);
    expect(customer.json.data.attributes).toMatchObject({ name: 'Buyer Ltd', lifetime: '0.0000', primaryEmail: 'buy@buyer.test' });
    const id = customer.json.data.id;
    const associationOf = () => sql(`SELECT account_id::text AS account FROM crm.customer_association WHERE target_type = 'crm.b2bcustomer' AND target_id = $1`, [id]);
    expect(await associationOf()).toEqual([{ account }]);

    const moved = await api(crm.state.t, crm.state.admin, 'PATCH', `/admin/api/b2bcustomers/${id}`, { data: { type: 'b2bcustomers', id, relationships: { account: ref('accounts', other) } } });
    expect(moved.status).toBe(200);
    expect(await associationOf()).toEqual([{ account: other }]);

    expect((await api(crm.state.t, crm.state.admin, 'DELETE', `/admin/api/channels/${sales}`)).status).toBe(409);
    const second = await post('b2bcustomers', { name: 'Short lived' }, { account: ref('accounts', other), channel: ref('channels', sales) });
    expect((await api(crm.state.t, crm.state.admin, 'DELETE', `/admin/api/b2bcustomers/${second.json.data.id}`)).status).toBe(204);
    expect(await sql(`SELECT count(*)::int AS n FROM crm.customer_association WHERE target_id = $1`, [second.json.data.id])).toEqual([{ n: 0 }]);
    expect((await api(crm.state.t, crm.state.admin, 'DELETE', `/admin/api/accounts/${other}`)).status).toBe(204);
    expect((await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/b2bcustomers/${id}`)).status).toBe(404);
  });
});
