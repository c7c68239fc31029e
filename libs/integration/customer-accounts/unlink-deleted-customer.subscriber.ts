import { CommandBus } from '@nestjs/cqrs';
import { CustomerDeleted } from '../../contracts/commerce';
import { RemoveCustomerIdentity } from '../../contracts/crm';
import { EventSubscriber, OutboxEventHandler } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { AccountCommerceTotals } from './account-commerce-totals';
import { commerceCustomerIdentity } from './commerce-customer-identity';

/**
 * A deleted commerce customer leaves its account: the customer identity goes from CRM and the account's commerce total
 * drops its value. The account itself stays (it may hold contacts, opportunities, other customers), as in Oro.
 */
@EventSubscriber({ name: 'integration.unlink-deleted-customer', event: CustomerDeleted })
export class UnlinkDeletedCustomerSubscriber implements OutboxEventHandler<CustomerDeleted> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly commands: CommandBus,
    private readonly totals: AccountCommerceTotals,
  ) {}

  async handle({ customerId, organizationId }: CustomerDeleted): Promise<void> {
    const accountIds = await this.totals.lockAccountsOf(organizationId, [customerId]);
    await this.commands.execute(new RemoveCustomerIdentity(commerceCustomerIdentity(organizationId, customerId)));
    await this.store.query(`DELETE FROM integration.customer_account WHERE customer_id = $1`, [customerId]);
    await this.totals.record(organizationId, accountIds);
  }
}
