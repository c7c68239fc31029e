import { QueryBus } from '@nestjs/cqrs';
import { CustomerView, ListCustomers } from '../../libs/contracts/commerce';
import { CustomerBatchLinker } from '../../libs/integration/customer-accounts/customer-batch-linker';
import { TransactionRunner } from '../../libs/platform/runtime';
import { api } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';

/**
 * The batch linker told its customers were just created (a CSV import's chunk): their links are not looked up and their
 * CRM identities are registered without looking for registered ones, but a root outside them (under "root") is an older
 * customer, whose registered identity still moves to the account it gets.
 */
describe('linking customers created in the same transaction (CustomerBatchLinker, justCreated)', () => {
  const app = useApp(['crm', 'commerce', 'integration']);
  const { sql } = app;

  const stored = async (name: string, parent: string | null) => {
    const [{ id }] = await sql(`INSERT INTO commerce.customer (organization_id, name, parent_id) VALUES ($1, $2, $3) RETURNING id::text AS id`, [
      app.state.ids.orgA,
      name,
      parent,
    ]);
    await sql(`UPDATE commerce.customer c SET path = coalesce((SELECT p.path FROM commerce.customer p WHERE p.id = c.parent_id), '{}') || c.id WHERE id = $1`, [id]);
    return id as string;
  };
  const linkJustCreated = (customerIds: string[]) =>
    app.state.t.get(TransactionRunner).run(async () => {
      const views: CustomerView[] = await app.state.t.get(QueryBus).execute(new ListCustomers(app.state.ids.orgA, null, customerIds.length, customerIds));
      return app.state.t.get(CustomerBatchLinker).link(app.state.ids.orgA, views, true);
    });
  const links = async (customerIds: string[]) =>
    sql(
      `SELECT ca.customer_id::text AS customer, ca.account_id::text AS account, a.account_id::text AS identity FROM integration.customer_account ca
       LEFT JOIN crm.customer_association a ON a.target_type = 'commerce.customer' AND a.target_id = ca.customer_id::text
       WHERE ca.customer_id = ANY($1::bigint[]) ORDER BY ca.customer_id`,
      [customerIds],
    );

  it('under "each", gives each its own account and identity', async () => {
    const ids = [await stored('Fresh One', null), await stored('Fresh Two', null)];
    expect(await linkJustCreated(ids)).toBe(2);
    const rows = await links(ids);
    expect(rows.map((r: { customer: string }) => r.customer)).toEqual(ids);
    expect(new Set(rows.map((r: { account: string }) => r.account)).size).toBe(2);
    expect(rows.map((r: { identity: string }) => r.identity)).toEqual(rows.map((r: { account: string }) => r.account));
  });

  it('under "root", moves the registered identity of a root outside the batch to the account it gets', async () => {
    const response = await api(app.state.t, app.state.admin, 'PATCH', '/admin/api/settings/integration', {
      data: { type: 'settings', id: 'integration', attributes: { customerAccountStrategy: 'root' } },
    });
    expect(response.status).toBe(200);
    const root = await stored('Older Root', null);
    const [{ id: oldAccount }] = await sql(`INSERT INTO crm.account (organization_id, name) VALUES ($1, 'Older Account') RETURNING id::text AS id`, [app.state.ids.orgA]);
    await sql(`INSERT INTO crm.customer_association (organization_id, account_id, target_type, target_id) VALUES ($1, $2, 'commerce.customer', $3)`, [
      app.state.ids.orgA,
      oldAccount,
      root,
    ]);
    const child = await stored('Fresh Child', root);
    expect(await linkJustCreated([child])).toBe(2);
    const [rootLink, childLink] = await links([root, child]);
    expect(childLink.account).toBe(rootLink.account);
    expect(rootLink.account).not.toBe(oldAccount);
    expect([rootLink.identity, childLink.identity]).toEqual([rootLink.account, rootLink.account]);
  });
});
