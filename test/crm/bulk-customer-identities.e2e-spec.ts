import { CommandBus } from '@nestjs/cqrs';
import {
  AttachToCustomerIdentity,
  CreateAccountsForCustomerIdentities,
  CustomerIdentityAccount,
  MoveCustomerIdentities,
} from '../../libs/contracts/crm';
import { useApp } from '../harness/use-app';

/** The bulk customer-identity contracts other modules use to link thousands of customers per statement (CRM alone). */
describe('bulk customer identities (CRM contracts)', () => {
  const app = useApp(['crm']);
  const { get, post, sql } = app;
  const TYPE = 'test.customer';
  const commands = () => app.state.t.get(CommandBus);
  const count = async (q: string, p?: unknown[]) => (await sql(`SELECT count(*)::int AS n FROM ${q}`, p))[0].n as number;
  let created: CustomerIdentityAccount[];

  it('creates an account per identity, named and owned as asked, with its associations, announced once', async () => {
    const { orgA, adminA } = app.state.ids;
    created = await commands().execute(
      new CreateAccountsForCustomerIdentities(orgA, TYPE, [
        { targetId: '11', name: 'Bulk One', ownerId: adminA },
        { targetId: '12', name: 'Bulk Two', ownerId: null },
      ]),
    );
    expect(created.map((c) => c.targetId)).toEqual(['11', '12']);
    const one = (await get(`/admin/api/accounts/${created[0].accountId}`)).json.data;
    expect(one.attributes.name).toBe('Bulk One');
    expect(one.relationships.owner.data).toEqual({ type: 'users', id: adminA });
    expect((await get(`/admin/api/accounts/${created[1].accountId}`)).json.data.relationships.owner.data).toBeNull();
    expect(
      await sql(`SELECT id::text AS id, account_id::text AS account, target_id FROM crm.customer_association WHERE target_type = $1 ORDER BY target_id`, [TYPE]),
    ).toEqual(created.map((c) => ({ id: c.associationId, account: c.accountId, target_id: c.targetId })));
    expect(await count(`crm.customer_association WHERE target_type IS NULL AND account_id = ANY($1::bigint[])`, [created.map((c) => c.accountId)])).toBe(2);
  });

  it('registers identities its sender knows are new without looking for registered ones, and fails on one registered after all', async () => {
    const { orgA } = app.state.ids;
    const fresh: CustomerIdentityAccount[] = await commands().execute(
      new CreateAccountsForCustomerIdentities(orgA, TYPE, [{ targetId: '31', name: 'Fresh One', ownerId: null }, { targetId: '32', name: 'Fresh Two', ownerId: null }], true),
    );
    expect(fresh.map((c) => c.targetId)).toEqual(['31', '32']);
    expect(
      await sql(`SELECT id::text AS id, account_id::text AS account, target_id FROM crm.customer_association WHERE target_type = $1 AND target_id IN ('31', '32') ORDER BY target_id`, [TYPE]),
    ).toEqual(fresh.map((c) => ({ id: c.associationId, account: c.accountId, target_id: c.targetId })));
    expect(await count(`crm.customer_association WHERE target_type IS NULL AND account_id = ANY($1::bigint[])`, [fresh.map((c) => c.accountId)])).toBe(2);

    const before = await count('crm.account');
    await expect(
      commands().execute(new CreateAccountsForCustomerIdentities(orgA, TYPE, [{ targetId: '31', name: 'Not Fresh', ownerId: null }], true)),
    ).rejects.toThrow();
    expect(await count('crm.account')).toBe(before);
    expect(await sql(`SELECT account_id::text AS account FROM crm.customer_association WHERE target_type = $1 AND target_id = '31'`, [TYPE])).toEqual([
      { account: fresh[0].accountId },
    ]);
  });

  it('refuses the whole batch when a name is blank or too long, an owner is not of the organization, or an identity repeats', async () => {
    const { orgA, adminA, adminB } = app.state.ids;
    const before = await count('crm.account');
    const attempt = (identities: Array<{ targetId: string; name: string; ownerId: string | null }>) =>
      commands().execute(new CreateAccountsForCustomerIdentities(orgA, TYPE, identities));
    await expect(attempt([{ targetId: '21', name: 'Fine', ownerId: null }, { targetId: '22', name: '  ', ownerId: null }])).rejects.toThrow('its name should not be blank');
    await expect(attempt([{ targetId: '23', name: 'x'.repeat(256), ownerId: null }])).rejects.toThrow('longer than 255 characters');
    await expect(attempt([{ targetId: '24', name: 'Fine', ownerId: adminA }, { targetId: '25', name: 'Other org', ownerId: adminB }])).rejects.toThrow(
      `The owner is not a user of the organization: ${adminB}.`,
    );
    await expect(attempt([{ targetId: '26', name: 'Twice', ownerId: null }, { targetId: '26', name: 'Twice', ownerId: null }])).rejects.toThrow('listed only once');
    expect(await count('crm.account')).toBe(before);
  });

  it('moves registered identities with their opportunities, registers new ones, and refuses accounts of another organization', async () => {
    const { orgA, orgB } = app.state.ids;
    const identity = { organizationId: orgA, targetType: TYPE, targetId: '11' };
    const opportunity = (await post('opportunities', { name: 'On identity 11' }, { account: app.ref('accounts', created[0].accountId) })).json.data.id;
    await commands().execute(new AttachToCustomerIdentity(orgA, 'opportunity', opportunity, identity));

    const moved: CustomerIdentityAccount[] = await commands().execute(
      new MoveCustomerIdentities(orgA, TYPE, ['11', '13'], [created[1].accountId, created[0].accountId]),
    );
    expect(moved).toEqual([
      { targetId: '11', accountId: created[1].accountId, associationId: created[0].associationId },
      { targetId: '13', accountId: created[0].accountId, associationId: expect.any(String) },
    ]);
    expect((await get(`/admin/api/opportunities/${opportunity}`)).json.data.relationships.account.data.id).toBe(created[1].accountId);

    const [{ id: foreign }] = await sql(`INSERT INTO crm.account (organization_id, name) VALUES ($1, 'Beta account') RETURNING id::text AS id`, [orgB]);
    await expect(commands().execute(new MoveCustomerIdentities(orgA, TYPE, ['12'], [foreign]))).rejects.toThrow(`The account does not exist: ${foreign}.`);
    expect(await sql(`SELECT account_id::text AS account FROM crm.customer_association WHERE target_type = $1 AND target_id = '12'`, [TYPE])).toEqual([
      { account: created[1].accountId },
    ]);
  });
});
