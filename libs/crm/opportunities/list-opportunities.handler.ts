import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ListAccountOpportunities, ListOpportunitiesForCustomerIdentities, ListOpportunitiesForCustomerIdentity, OpportunityView } from '../../contracts/crm';
import { prepared } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { CLOSED_STATUSES } from './opportunity-statuses';

const MAX = 1000;

export const OPPORTUNITY_VIEW_COLUMNS = `o.id::text AS id, o.name, o.status, o.probability::text AS probability,
  o.budget_amount::text AS "budgetAmount", o.budget_currency AS "budgetCurrency",
  o.close_revenue::text AS "closeRevenue", o.close_revenue_currency AS "closeRevenueCurrency",
  o.base_budget_amount::text AS "baseBudgetAmount", o.base_close_revenue::text AS "baseCloseRevenue",
  o.close_date::text AS "closeDate", o.owner_id::text AS "ownerId",
  to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"`;

const VIEW_NAMES = ['id', 'name', 'status', 'probability', 'budgetAmount', 'budgetCurrency', 'closeRevenue', 'closeRevenueCurrency', 'baseBudgetAmount', 'baseCloseRevenue', 'closeDate', 'ownerId', 'createdAt'];

/**
 * The newest opportunities of each customer association of `associations` (a row source aliased `c`), as
 * `"targetId"` and the view's columns, by target and newest first. `openOnly` (leave out `closedStatuses`) and `limit`
 * are SQL (placeholders).
 */
export function newestOpportunitiesPerAssociationSql(associations: string, { openOnly, closedStatuses, limit }: Record<'openOnly' | 'closedStatuses' | 'limit', string>): string {
  return `SELECT target_id AS "targetId", ${VIEW_NAMES.map((c) => `"${c}"`).join(', ')}
   FROM (SELECT c.target_id, ${OPPORTUNITY_VIEW_COLUMNS},
                row_number() OVER (PARTITION BY c.target_id ORDER BY o.created_at DESC, o.id DESC) AS n
         FROM ${associations}
         JOIN crm.opportunity o ON o.customer_association_id = c.id
         WHERE (NOT ${openOnly} OR o.status <> ALL(${closedStatuses}))) x
   WHERE n <= ${limit}
   ORDER BY target_id, n`;
}

// The newest `limit` opportunities of each of several customer identities of one kind, in one statement.
const IDENTITIES_OPPORTUNITIES = prepared(
  newestOpportunitiesPerAssociationSql(
    `(SELECT id, target_id FROM crm.customer_association WHERE organization_id = $4 AND target_type = $5 AND target_id = ANY($6::text[])) c`,
    { openOnly: '$1::boolean', closedStatuses: '$2::text[]', limit: '$3' },
  ),
);

/**
 * Opportunities of the customer associations matching `where` (on the alias `c`), newest first. `openOnly` (leave out
 * `closedStatuses`), `limit` and those in `where` are SQL (placeholders).
 */
export function opportunityViewsSql(where: string, { openOnly, closedStatuses, limit }: Record<'openOnly' | 'closedStatuses' | 'limit', string>): string {
  return `SELECT ${OPPORTUNITY_VIEW_COLUMNS}
     FROM crm.customer_association c
     JOIN crm.opportunity o ON o.customer_association_id = c.id
     WHERE ${where} AND (NOT ${openOnly} OR o.status <> ALL(${closedStatuses}))
     ORDER BY o.created_at DESC, o.id DESC
     LIMIT ${limit}`;
}

/**
 * Opportunities of the customer associations matching `where` (on the alias `c`, parameters from $4 on), newest first.
 * Prepared: two fixed shapes (by account, by identity).
 */
function opportunityViews(store: CrmStore, where: string, parameters: unknown[], options: { openOnly?: boolean; limit?: number }): Promise<OpportunityView[]> {
  return store.query(prepared(opportunityViewsSql(where, { openOnly: '$1::boolean', closedStatuses: '$2::text[]', limit: '$3' })), [
    options.openOnly ?? false,
    CLOSED_STATUSES,
    Math.min(options.limit ?? 100, MAX),
    ...parameters,
  ]);
}

@QueryHandler(ListOpportunitiesForCustomerIdentity)
export class ListOpportunitiesForCustomerIdentityHandler implements IQueryHandler<ListOpportunitiesForCustomerIdentity, OpportunityView[]> {
  constructor(private readonly store: CrmStore) {}

  execute({ identity, options }: ListOpportunitiesForCustomerIdentity): Promise<OpportunityView[]> {
    return opportunityViews(this.store, 'c.organization_id = $4 AND c.target_type = $5 AND c.target_id = $6', [identity.organizationId, identity.targetType, identity.targetId], options);
  }
}

@QueryHandler(ListAccountOpportunities)
export class ListAccountOpportunitiesHandler implements IQueryHandler<ListAccountOpportunities, OpportunityView[]> {
  constructor(private readonly store: CrmStore) {}

  execute({ organizationId, accountId, options }: ListAccountOpportunities): Promise<OpportunityView[]> {
    if (!/^\d{1,18}$/.test(accountId)) return Promise.resolve([]);
    return opportunityViews(this.store, 'c.organization_id = $4 AND c.account_id = $5', [organizationId, accountId], options);
  }
}

@QueryHandler(ListOpportunitiesForCustomerIdentities)
export class ListOpportunitiesForCustomerIdentitiesHandler implements IQueryHandler<ListOpportunitiesForCustomerIdentities, Record<string, OpportunityView[]>> {
  constructor(private readonly store: CrmStore) {}

  async execute({ organizationId, targetType, targetIds, options }: ListOpportunitiesForCustomerIdentities): Promise<Record<string, OpportunityView[]>> {
    if (targetIds.length === 0) return {};
    const rows: Array<OpportunityView & { targetId: string }> = await this.store.query(IDENTITIES_OPPORTUNITIES, [
      options.openOnly ?? false,
      CLOSED_STATUSES,
      Math.min(options.limit ?? 100, MAX),
      organizationId,
      targetType,
      targetIds,
    ]);
    return opportunitiesByTarget(rows);
  }
}

/** Rows of `newestOpportunitiesPerAssociationSql` by target id. */
export function opportunitiesByTarget(rows: Array<OpportunityView & { targetId: string }>): Record<string, OpportunityView[]> {
  const result: Record<string, OpportunityView[]> = {};
  for (const { targetId, ...view } of rows) (result[targetId] ??= []).push(view);
  return result;
}
