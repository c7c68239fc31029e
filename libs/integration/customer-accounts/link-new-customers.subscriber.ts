import { CommandBus } from '@nestjs/cqrs';
import { CustomersCreated } from '../../contracts/commerce';
import { EventSubscriber, OutboxEventHandler } from '../../platform';
import { LinkCustomersToAccounts } from './customer-account.commands';

/**
 * Customers created together (a CSV import's chunk) get their accounts as one batch of the set-based linker, as
 * `CustomerCreated` gives one customer its account. Those already linked (an import links its new customers at once),
 * or deleted since, are left alone.
 */
@EventSubscriber({ name: 'integration.link-new-customers', event: CustomersCreated })
export class LinkNewCustomersSubscriber implements OutboxEventHandler<CustomersCreated> {
  constructor(private readonly commands: CommandBus) {}

  async handle({ organizationId, customerIds }: CustomersCreated): Promise<void> {
    await this.commands.execute(new LinkCustomersToAccounts(organizationId, customerIds, customerIds.map(() => null)));
  }
}
