import { CommandBus } from '@nestjs/cqrs';
import { AttachToCustomerIdentity, CreateAccountsForCustomerIdentities, CustomerIdentityAccount, MoveCustomerAssociations } from '../../libs/contracts/crm';
import { useApp } from '../harness/use-app';

/** Moving many customer identities by association id, as a mover that keeps the ids does (CRM alone). */
describe('MoveCustomerAssociations (CRM contract)', () => {
  const app = useApp(['crm']);
  const { get, post, sql } = app;
  const TYPE = 'test.customer';
  const commands = () => app.state.t.get(CommandBus);
  const accountOf = async (association: string) =>
    (await sql(`SELECT account_id::text AS account FROM crm.customer_association WHERE id = $1`, [association]))[0].account as string;
  let created: CustomerIdentityAccount[];

  beforeAll(async () => {
    created = await commands().execute(
      new CreateAccountsForCustomerIdentities(app.state.ids.orgA, TYPE, ['31', '32', '33'].map((targetId) => ({ targetId, name: `Move ${targetId}`, ownerId: null }))),
    );
  });

  it('moves the identities with what is attached to them, and leaves those whose account is gone where they are', async () => {
    const { orgA } = app.state.ids;
    const [one, two, three] = created;
    const opportunity = (await post('opportunities', { name: 'On identity 31' }, { account: app.ref('accounts', one.accountId) })).json.data.id;
    await commands().execute(new AttachToCustomerIdentity(orgA, 'opportunity', opportunity, { organizationId: orgA, targetType: TYPE, targetId: '31' }));
    const [{ id: gone }] = await sql(`INSERT INTO crm.account (organization_id, name) VALUES ($1, 'Gone') RETURNING id::text AS id`, [orgA]);
    await sql(`DELETE FROM crm.account WHERE id = $1`, [gone]);

    const kept = await commands().execute(
      new MoveCustomerAssociations(orgA, [one.associationId, two.associationId, three.associationId], [three.accountId, three.accountId, gone]),
    );

    expect(kept).toEqual([three.associationId]);
    expect(await accountOf(one.associationId)).toBe(three.accountId);
    expect(await accountOf(two.associationId)).toBe(three.accountId);
    expect(await accountOf(three.associationId)).toBe(three.accountId);
    expect((await get(`/admin/api/opportunities/${opportunity}`)).json.data.relationships.account.data.id).toBe(three.accountId);
  });

  it('refuses the whole move for an association that is not a customer identity of the organization, a repeated or malformed id', async () => {
    const { orgA, orgB } = app.state.ids;
    const [one, two] = created;
    const [{ id: accountLevel }] = await sql(`SELECT id::text AS id FROM crm.customer_association WHERE account_id = $1 AND target_type IS NULL`, [one.accountId]);
    const [{ id: foreign }] = await sql(`INSERT INTO crm.account (organization_id, name) VALUES ($1, 'Beta') RETURNING id::text AS id`, [orgB]);
    const [other] = await commands().execute(new CreateAccountsForCustomerIdentities(orgB, TYPE, [{ targetId: '31', name: 'Beta 31', ownerId: null }]));
    const before = [await accountOf(one.associationId), await accountOf(two.associationId)];
    const attempt = (associations: string[], accounts: string[]) => commands().execute(new MoveCustomerAssociations(orgA, associations, accounts));

    await expect(attempt([two.associationId, accountLevel], [one.accountId, two.accountId])).rejects.toThrow('Only customer identities of the organization');
    await expect(attempt([two.associationId, other.associationId], [one.accountId, one.accountId])).rejects.toThrow('Only customer identities of the organization');
    await expect(attempt([two.associationId, two.associationId], [one.accountId, one.accountId])).rejects.toThrow('listed only once');
    await expect(attempt([two.associationId], ['x1'])).rejects.toThrow('Not an id: x1.');
    await expect(attempt([two.associationId], [])).rejects.toThrow('One account is needed per customer association.');
    expect([await accountOf(one.associationId), await accountOf(two.associationId)]).toEqual(before);
    // An account of another organization is not one of this organization's: the identity stays.
    expect(await attempt([two.associationId], [foreign])).toEqual([two.associationId]);
    expect(await accountOf(two.associationId)).toBe(before[1]);
  });
});
