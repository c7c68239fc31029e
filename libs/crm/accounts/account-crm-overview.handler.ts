import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccountCrmOverview, AccountRecordsPage, GetAccountCrmOverview } from '../../contracts/crm';
import { prepared } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { CLOSED_STATUSES } from '../opportunities/opportunity-statuses';
import { newestOpportunitiesPerAssociationSql, opportunitiesByTarget, opportunityViewsSql } from '../opportunities/list-opportunities.handler';

const MAX_RECORDS = 100;
const MAX_OPPORTUNITIES = 1000;

const rowsAsJson = (sql: string) => `(SELECT coalesce(json_agg(x), '[]') FROM (${sql}) x)`;
const openOnly = { openOnly: 'true', closedStatuses: '$2::text[]' };
// The account's first contacts by last and first name, and business customers by name, each row with the total
// (`count(*) OVER ()`): $5/$7 the limit, $6/$8 the owner (null: any).
const CONTACTS = `SELECT c.id::text AS id, c.first_name AS "firstName", c.last_name AS "lastName", c.owner_id::text AS "ownerId", count(*) OVER ()::int AS total
  FROM crm.account_contact ac JOIN crm.contact c ON c.id = ac.contact_id
  WHERE c.organization_id = a.organization_id AND ac.account_id = a.id AND ($6::bigint IS NULL OR c.owner_id = $6::bigint)
  ORDER BY c.last_name, c.first_name, c.id LIMIT $5`;
const BUSINESS_CUSTOMERS = `SELECT b.id::text AS id, b.name, b.lifetime::text AS lifetime, b.owner_id::text AS "ownerId", count(*) OVER ()::int AS total
  FROM crm.b2b_customer b
  WHERE b.organization_id = a.organization_id AND b.account_id = a.id AND ($8::bigint IS NULL OR b.owner_id = $8::bigint)
  ORDER BY b.name, b.id LIMIT $7`;
// The identities in number order (their target ids are text; those of commerce customers are numbers).
const IDENTITIES = `crm.customer_association c WHERE c.account_id = a.id AND c.target_type = $9 ORDER BY length(c.target_id), c.target_id`;

/**
 * The account with each part in a column, one prepared statement whatever parts are asked: a part not asked has a
 * null parameter and its subquery is not run. $1 account, $2 closed statuses, $3 organization, $4 opportunity limit,
 * $5/$6 contact limit/owner, $7/$8 business customer limit/owner, $9 identity type, $10/$11 identities with
 * opportunities/opportunities each.
 */
const ACCOUNT_CRM_OVERVIEW = prepared(
  `SELECT a.id::text AS id, a.organization_id::text AS "organizationId", a.name, a.owner_id::text AS "ownerId", a.external_id AS "externalId",
          a.lifetime_paid_order_count AS "paidOrderCount",
          (SELECT coalesce(sum(v.amount), 0)::numeric(19, 4)::text FROM crm.account_lifetime_value v WHERE v.account_id = a.id) AS total,
          (SELECT coalesce(json_agg(json_build_object('channelId', v.channel_id::text, 'channelName', ch.name, 'amount', v.amount::text) ORDER BY v.channel_id NULLS FIRST), '[]')
           FROM crm.account_lifetime_value v LEFT JOIN crm.channel ch ON ch.id = v.channel_id WHERE v.account_id = a.id) AS channels,
          CASE WHEN $4::int IS NOT NULL THEN ${rowsAsJson(opportunityViewsSql('c.organization_id = a.organization_id AND c.account_id = a.id', { ...openOnly, limit: '$4' }))} END AS "openOpportunities",
          CASE WHEN $5::int IS NOT NULL THEN ${rowsAsJson(CONTACTS)} END AS contacts,
          CASE WHEN $7::int IS NOT NULL THEN ${rowsAsJson(BUSINESS_CUSTOMERS)} END AS "businessCustomers",
          CASE WHEN $9::text IS NOT NULL THEN ARRAY(SELECT c.target_id FROM ${IDENTITIES}) END AS "identityIds",
          CASE WHEN $9::text IS NOT NULL THEN ${rowsAsJson(newestOpportunitiesPerAssociationSql(`(SELECT c.id, c.target_id FROM ${IDENTITIES} LIMIT $10) c`, { ...openOnly, limit: '$11' }))} END AS "identityOpportunities"
   FROM crm.account a WHERE a.id = $1 AND a.organization_id = $3`,
);

type Page<T> = Array<T & { total: number }>;

@QueryHandler(GetAccountCrmOverview)
export class GetAccountCrmOverviewHandler implements IQueryHandler<GetAccountCrmOverview, AccountCrmOverview | null> {
  constructor(private readonly store: CrmStore) {}

  async execute({ organizationId, accountId, parts }: GetAccountCrmOverview): Promise<AccountCrmOverview | null> {
    if (!/^\d{1,18}$/.test(accountId)) return null;
    const records = (limit: number | undefined) => (limit === undefined ? null : Math.min(Math.max(limit, 1), MAX_RECORDS));
    const opportunities = (limit: number | undefined) => (limit === undefined ? null : Math.min(limit, MAX_OPPORTUNITIES));
    const [row] = await this.store.query(ACCOUNT_CRM_OVERVIEW, [
      accountId,
      CLOSED_STATUSES,
      organizationId,
      opportunities(parts.openOpportunities?.limit),
      records(parts.contacts?.limit),
      parts.contacts?.ownerId ?? null,
      records(parts.businessCustomers?.limit),
      parts.businessCustomers?.ownerId ?? null,
      parts.identities?.targetType ?? null,
      parts.identities?.withOpportunities ?? 0,
      opportunities(parts.identities?.opportunityLimit) ?? 0,
    ]);
    if (!row) return null;
    const { id, name, ownerId, externalId, paidOrderCount, total, channels } = row;
    return {
      account: { id, organizationId: row.organizationId, name, ownerId, externalId },
      lifetime: { accountId: id, total, paidOrderCount, channels },
      ...(row.openOpportunities ? { openOpportunities: row.openOpportunities } : {}),
      ...(row.contacts ? { contacts: page(row.contacts) } : {}),
      ...(row.businessCustomers ? { businessCustomers: page(row.businessCustomers) } : {}),
      ...(row.identityIds ? { identityIds: row.identityIds, identityOpportunities: opportunitiesByTarget(row.identityOpportunities) } : {}),
    };
  }
}

/** A page's rows, each carrying the total, as the page (no row: none at all). */
function page<T>(rows: Page<T>): AccountRecordsPage<T> {
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...item }) => item as T) };
}
