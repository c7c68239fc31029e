import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { accountsResource } from './account.resource';
import { CreateAccounts } from './create-accounts.command';

/** Many accounts in a few statements: one INSERT and the account-level associations in one. */
@CommandHandler(CreateAccounts)
export class CreateAccountsHandler implements ICommandHandler<CreateAccounts, string[]> {
  constructor(private readonly store: CrmStore) {}

  async execute({ caller, inputs }: CreateAccounts): Promise<string[]> {
    // Contacts (and a default one among them) are kept by the single create's rules: those accounts go one by one.
    if (inputs.some((input) => 'contacts' in input.relationships || 'defaultContact' in input.relationships)) {
      throw new BusinessRuleViolation('Accounts created together cannot take contacts.', { relationship: 'contacts' });
    }
    const ids = await this.store.writer().insertMany(accountsResource, inputs, caller);
    await this.store.query(
      `INSERT INTO crm.customer_association (organization_id, account_id) SELECT $1, unnest($2::bigint[])
       ON CONFLICT (account_id) WHERE target_type IS NULL DO NOTHING`,
      [caller.organizationId, ids],
    );
    return ids;
  }
}
