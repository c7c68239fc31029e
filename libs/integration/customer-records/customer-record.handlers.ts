import { CommandBus, CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AttachToCustomerIdentity } from '../../contracts/crm';
import { BusinessRuleViolation } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { commerceCustomerIdentity } from '../customer-accounts/commerce-customer-identity';
import { AccountOfCustomerRecord, SetRecordCustomer } from './customer-record.messages';

@QueryHandler(AccountOfCustomerRecord)
export class AccountOfCustomerRecordHandler implements IQueryHandler<AccountOfCustomerRecord, { account?: string }> {
  constructor(private readonly store: IntegrationStore) {}

  async execute({ organizationId, customerId }: AccountOfCustomerRecord): Promise<{ account?: string }> {
    if (customerId === null) return {};
    const [row] = await this.store.query(`SELECT account_id::text AS account FROM integration.customer_account WHERE organization_id = $1 AND customer_id = $2`, [
      organizationId,
      customerId,
    ]);
    if (!row) throw new BusinessRuleViolation('The customer has no account; choose one for it first.', { relationship: 'customer' });
    return { account: row.account };
  }
}

@CommandHandler(SetRecordCustomer)
export class SetRecordCustomerHandler implements ICommandHandler<SetRecordCustomer> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ organizationId, record, recordId, customerId }: SetRecordCustomer): Promise<void> {
    const identity = customerId === null ? null : commerceCustomerIdentity(organizationId, customerId);
    await this.commands.execute(new AttachToCustomerIdentity(organizationId, record, recordId, identity));
  }
}
