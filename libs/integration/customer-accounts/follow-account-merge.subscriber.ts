import { AccountsMerged } from '../../contracts/crm';
import { EventSubscriber, OutboxEventHandler } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { AccountCommerceTotals } from './account-commerce-totals';

/**
 * Accounts merged in CRM (which re-points the customer identities itself): the commerce customers of the merged
 * accounts now belong to the master, whose commerce total is recorded again from them.
 */
@EventSubscriber({ name: 'integration.follow-account-merge', event: AccountsMerged })
export class FollowAccountMergeSubscriber implements OutboxEventHandler<AccountsMerged> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly totals: AccountCommerceTotals,
  ) {}

  async handle({ organizationId, masterAccountId, mergedAccountIds }: AccountsMerged): Promise<void> {
    await this.totals.lock(organizationId, [masterAccountId, ...mergedAccountIds]);
    await this.store.query(
      `UPDATE integration.customer_account SET account_id = $2,
              previous_account_id = CASE WHEN previous_account_id = ANY($3::bigint[]) THEN $2::bigint ELSE previous_account_id END
       WHERE organization_id = $1 AND account_id = ANY($3::bigint[])`,
      [organizationId, masterAccountId, mergedAccountIds],
    );
    await this.totals.record(organizationId, [masterAccountId]);
  }
}
