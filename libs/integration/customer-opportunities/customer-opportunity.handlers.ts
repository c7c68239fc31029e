import { CommandBus, CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AttachOpportunityToCustomerIdentity } from '../../contracts/crm';
import { BusinessRuleViolation } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { commerceCustomerIdentity } from '../customer-accounts/commerce-customer-identity';
import { AccountForCustomerOpportunity, SetOpportunityCustomer } from './customer-opportunity.messages';

@QueryHandler(AccountForCustomerOpportunity)
export class AccountForCustomerOpportunityHandler implements IQueryHandler<AccountForCustomerOpportunity, { account?: string }> {
  constructor(private readonly store: IntegrationStore) {}

  async execute({ organizationId, customerId }: AccountForCustomerOpportunity): Promise<{ account?: string }> {
    if (customerId === null) return {};
    const [row] = await this.store.query(`SELECT account_id::text AS account FROM integration.customer_account WHERE organization_id = $1 AND customer_id = $2`, [
      organizationId,
      customerId,
    ]);
    if (!row) throw new BusinessRuleViolation('The customer has no account; choose one for it first.', { relationship: 'customer' });
    return { account: row.account };
  }
}

@CommandHandler(SetOpportunityCustomer)
export class SetOpportunityCustomerHandler implements ICommandHandler<SetOpportunityCustomer> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ organizationId, opportunityId, customerId }: SetOpportunityCustomer): Promise<void> {
    const identity = customerId === null ? null : commerceCustomerIdentity(organizationId, customerId);
    await this.commands.execute(new AttachOpportunityToCustomerIdentity(organizationId, opportunityId, identity));
  }
}
