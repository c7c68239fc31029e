import { CommandHandler, ICommandHandler, IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import {
  AccountView,
  GetAccount,
  GetAccountForCustomerIdentity,
  AttachOpportunityToCustomerIdentity,
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

@CommandHandler(AttachOpportunityToCustomerIdentity)
export class AttachOpportunityToCustomerIdentityHandler implements ICommandHandler<AttachOpportunityToCustomerIdentity> {
  constructor(
    private readonly associations: CustomerAssociations,
    private readonly lifetime: LifetimeRecomputation,
  ) {}

  async execute({ organizationId, opportunityId, identity }: AttachOpportunityToCustomerIdentity): Promise<void> {
    await this.lifetime.recomputeForAssociations(await this.associations.attachOpportunity(organizationId, opportunityId, identity));
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
