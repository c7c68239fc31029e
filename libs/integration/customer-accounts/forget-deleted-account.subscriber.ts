import { AccountDeleted } from '../../contracts/crm';
import { EventSubscriber, OutboxEventHandler } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { AccountCommerceTotals } from './account-commerce-totals';

/**
 * An account deleted in CRM (which deletes its customer associations): its commerce customers stay, without an
 * account, as in Oro (domain §2.4), until one is chosen for them.
 */
@EventSubscriber({ name: 'integration.forget-deleted-account', event: AccountDeleted })
export class ForgetDeletedAccountSubscriber implements OutboxEventHandler<AccountDeleted> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly totals: AccountCommerceTotals,
  ) {}

  async handle({ organizationId, accountId }: AccountDeleted): Promise<void> {
    await this.totals.lock(organizationId, [accountId]);
    await this.store.query(`DELETE FROM integration.customer_account WHERE organization_id = $1 AND account_id = $2`, [organizationId, accountId]);
  }
}
