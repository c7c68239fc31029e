import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ListOpportunitiesForCustomerIdentity, OpportunityView } from '../../contracts/crm';
import { CrmStore } from '../shared/crm-store';
import { CLOSED_STATUSES } from './opportunity-statuses';

const MAX = 1000;

@QueryHandler(ListOpportunitiesForCustomerIdentity)
export class ListOpportunitiesForCustomerIdentityHandler implements IQueryHandler<ListOpportunitiesForCustomerIdentity, OpportunityView[]> {
  constructor(private readonly store: CrmStore) {}

  execute({ identity, options }: ListOpportunitiesForCustomerIdentity): Promise<OpportunityView[]> {
    return this.store.query(
      `SELECT o.id::text AS id, o.name, o.status, o.probability::text AS probability,
              o.budget_amount::text AS "budgetAmount", o.budget_currency AS "budgetCurrency",
              o.close_revenue::text AS "closeRevenue", o.close_revenue_currency AS "closeRevenueCurrency",
              o.base_budget_amount::text AS "baseBudgetAmount", o.base_close_revenue::text AS "baseCloseRevenue",
              o.close_date::text AS "closeDate", o.owner_id::text AS "ownerId", o.created_at AS "createdAt"
       FROM crm.customer_association c
       JOIN crm.opportunity o ON o.customer_association_id = c.id
       WHERE c.organization_id = $1 AND c.target_type = $2 AND c.target_id = $3
         AND (NOT $4::boolean OR o.status <> ALL($5::text[]))
       ORDER BY o.created_at DESC, o.id DESC
       LIMIT $6`,
      [identity.organizationId, identity.targetType, identity.targetId, options.openOnly ?? false, CLOSED_STATUSES, Math.min(options.limit ?? 100, MAX)],
    );
  }
}
