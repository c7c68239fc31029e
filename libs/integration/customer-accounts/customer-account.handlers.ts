import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LinkCustomerToAccount, MoveCustomerToAccount } from './customer-account.commands';
import { CustomerLinker } from './customer-linker';

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
