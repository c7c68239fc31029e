import { CommandHandler, ICommandHandler, IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import {
  AccountView,
  GetAccount,
  GetAccountForCustomerIdentity,
  MoveCustomerIdentity,
  RegisterCustomerIdentity,
  RemoveCustomerIdentity,
} from '../../contracts/crm';
import { CustomerAssociations } from './customer-associations';

@CommandHandler(RegisterCustomerIdentity)
export class RegisterCustomerIdentityHandler implements ICommandHandler<RegisterCustomerIdentity, string> {
  constructor(private readonly associations: CustomerAssociations) {}

  execute({ identity, accountId }: RegisterCustomerIdentity): Promise<string> {
    return this.associations.register(identity, accountId);
  }
}

@CommandHandler(MoveCustomerIdentity)
export class MoveCustomerIdentityHandler implements ICommandHandler<MoveCustomerIdentity, string> {
  constructor(private readonly associations: CustomerAssociations) {}

  execute({ identity, accountId }: MoveCustomerIdentity): Promise<string> {
    return this.associations.move(identity, accountId);
  }
}

@CommandHandler(RemoveCustomerIdentity)
export class RemoveCustomerIdentityHandler implements ICommandHandler<RemoveCustomerIdentity> {
  constructor(private readonly associations: CustomerAssociations) {}

  execute({ identity }: RemoveCustomerIdentity): Promise<void> {
    return this.associations.remove(identity);
  }
}

@QueryHandler(GetAccountForCustomerIdentity)
export class GetAccountForCustomerIdentityHandler implements IQueryHandler<GetAccountForCustomerIdentity, AccountView | null> {
  constructor(
    private readonly associations: CustomerAssociations,
    private readonly queries: QueryBus,
  ) {}

  async execute({ identity }: GetAccountForCustomerIdentity): Promise<AccountView | null> {
    const accountId = await this.associations.accountOf(identity);
    return accountId ? this.queries.execute(new GetAccount(identity.organizationId, accountId)) : null;
  }
}
