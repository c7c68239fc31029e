import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { CustomerView, ListCustomers } from '../../contracts/commerce';
import { IntegrationStore } from '../shared/integration-store';
import { CustomerBatchLinker } from './customer-batch-linker';
import { LinkCustomerToAccount, LinkCustomersToAccounts, MoveCustomerToAccount } from './customer-account.commands';
import { CustomerLinker } from './customer-linker';
import { linkGuard } from './link-guard';

@CommandHandler(LinkCustomerToAccount)
export class LinkCustomerToAccountHandler implements ICommandHandler<LinkCustomerToAccount> {
  constructor(private readonly linker: CustomerLinker) {}

  execute({ organizationId, customerId, accountId }: LinkCustomerToAccount): Promise<void> {
    return this.linker.link(organizationId, customerId, accountId);
  }
}

@CommandHandler(MoveCustomerToAccount)
export class MoveCustomerToAccountHandler implements ICommandHandler<MoveCustomerToAccount> {
  constructor(private readonly linker: CustomerLinker) {}

  execute({ organizationId, customerId, accountId }: MoveCustomerToAccount): Promise<void> {
    return this.linker.move(organizationId, customerId, accountId);
  }
}

/**
 * New customers linked together: those given an account one by one (rare in a file), the others in one batch of the
 * set-based linker (new accounts, CRM identities, links and totals in a few statements), holding the link guard
 * exclusively as every batch does.
 */
@CommandHandler(LinkCustomersToAccounts)
export class LinkCustomersToAccountsHandler implements ICommandHandler<LinkCustomersToAccounts> {
  constructor(
    private readonly linker: CustomerLinker,
    private readonly batch: CustomerBatchLinker,
    private readonly store: IntegrationStore,
    private readonly queries: QueryBus,
  ) {}

  async execute({ organizationId, customerIds, accountIds, justCreated }: LinkCustomersToAccounts): Promise<void> {
    await linkGuard.exclusive(this.store);
    const automatic = customerIds.filter((_, i) => accountIds[i] === null);
    for (const [i, customerId] of customerIds.entries()) {
      if (accountIds[i] !== null) await this.linker.link(organizationId, customerId, accountIds[i]);
    }
    if (automatic.length === 0) return;
    const customers: CustomerView[] = await this.queries.execute(new ListCustomers(organizationId, null, automatic.length, automatic));
    await this.batch.link(organizationId, customers, justCreated);
  }
}
