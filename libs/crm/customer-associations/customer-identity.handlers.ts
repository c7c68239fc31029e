import { CommandHandler, ICommandHandler, IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import {
  AccountView,
  GetAccount,
  GetAccountForCustomerIdentity,
  AttachToCustomerIdentity,
  MoveCustomerIdentity,
  RegisterCustomerIdentity,
  RemoveCustomerIdentity,
} from '../../contracts/crm';
import { LifetimeRecomputation } from '../lifetime/lifetime-recomputation';
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
  constructor(
    private readonly associations: CustomerAssociations,
    private readonly lifetime: LifetimeRecomputation,
  ) {}

  async execute({ identity }: RemoveCustomerIdentity): Promise<void> {
    await this.lifetime.recomputeForAssociations([await this.associations.remove(identity)]);
  }
}

@CommandHandler(AttachToCustomerIdentity)
export class AttachToCustomerIdentityHandler implements ICommandHandler<AttachToCustomerIdentity> {
  constructor(
    private readonly associations: CustomerAssociations,
    private readonly lifetime: LifetimeRecomputation,
  ) {}

  async execute({ organizationId, record, recordId, identity }: AttachToCustomerIdentity): Promise<void> {
    const moved = await this.associations.attach(record, organizationId, recordId, identity);
    // Won opportunities count in their account's lifetime value.
    if (record === 'opportunity') await this.lifetime.recomputeForAssociations(moved);
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
