import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccountB2bCustomerView, AccountContactView, AccountRecordsPage, ListAccountB2bCustomers, ListAccountContacts } from '../../contracts/crm';
import { CrmStore } from '../shared/crm-store';

const MAX = 100;

/** Where a page statement takes its organization, account, owner (or null: any) and row limit: SQL expressions. */
export type AccountPagePlaceholders = Record<'organization' | 'account' | 'owner' | 'limit', string>;

const PAGE_PLACEHOLDERS: AccountPagePlaceholders = { organization: '$1', account: '$2', owner: '$3', limit: '$4' };

/** An account's first contacts by last and first name, each row with the total (`count(*) OVER ()`). */
export function accountContactsSql(p: AccountPagePlaceholders): string {
  return `SELECT c.id::text AS id, c.first_name AS "firstName", c.last_name AS "lastName", c.owner_id::text AS "ownerId", count(*) OVER ()::int AS total
       FROM crm.account_contact ac JOIN crm.contact c ON c.id = ac.contact_id
       WHERE c.organization_id = ${p.organization} AND ac.account_id = ${p.account} AND (${p.owner}::bigint IS NULL OR c.owner_id = ${p.owner}::bigint)
       ORDER BY c.last_name, c.first_name, c.id
       LIMIT ${p.limit}`;
}

/** An account's first business customers by name, each row with the total (`count(*) OVER ()`). */
export function accountB2bCustomersSql(p: AccountPagePlaceholders): string {
  return `SELECT b.id::text AS id, b.name, b.lifetime::text AS lifetime, b.owner_id::text AS "ownerId", count(*) OVER ()::int AS total
       FROM crm.b2b_customer b
       WHERE b.organization_id = ${p.organization} AND b.account_id = ${p.account} AND (${p.owner}::bigint IS NULL OR b.owner_id = ${p.owner}::bigint)
       ORDER BY b.name, b.id
       LIMIT ${p.limit}`;
}

/**
 * The first rows of `sql` (parameters: organization, account, owner or null, limit) and the total, which every row
 * carries (`count(*) OVER ()`): at least one row is asked for, so no row at all means there are none.
 */
async function page<T>(store: CrmStore, sql: string, { organizationId, accountId, options }: ListAccountContacts | ListAccountB2bCustomers): Promise<AccountRecordsPage<T>> {
  if (!/^\d{1,18}$/.test(accountId)) return { total: 0, items: [] };
  const rows: Array<T & { total: number }> = await store.query(sql, [organizationId, accountId, options.ownerId ?? null, Math.min(Math.max(options.limit, 1), MAX)]);
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...item }) => item as T) };
}

@QueryHandler(ListAccountContacts)
export class ListAccountContactsHandler implements IQueryHandler<ListAccountContacts, AccountRecordsPage<AccountContactView>> {
  constructor(private readonly store: CrmStore) {}

  execute(query: ListAccountContacts): Promise<AccountRecordsPage<AccountContactView>> {
    return page(
      this.store,
      accountContactsSql(PAGE_PLACEHOLDERS),
      query,
    );
  }
}

@QueryHandler(ListAccountB2bCustomers)
export class ListAccountB2bCustomersHandler implements IQueryHandler<ListAccountB2bCustomers, AccountRecordsPage<AccountB2bCustomerView>> {
  constructor(private readonly store: CrmStore) {}

  execute(query: ListAccountB2bCustomers): Promise<AccountRecordsPage<AccountB2bCustomerView>> {
    return page(
      this.store,
      accountB2bCustomersSql(PAGE_PLACEHOLDERS),
      query,
    );
  }
}
