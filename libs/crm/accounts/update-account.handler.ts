import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { accountsResource } from './account.resource';
import { keepDefaultContactAmongContacts } from './default-contact';
import { UpdateAccount } from './update-account.command';

@CommandHandler(UpdateAccount)
export class UpdateAccountHandler implements ICommandHandler<UpdateAccount> {
  constructor(private readonly store: CrmStore) {}

  async execute({ accountId, input }: UpdateAccount): Promise<void> {
    if (input.relationships.referredBy === accountId) {
      throw new BusinessRuleViolation('An account cannot be referred by itself.', { relationship: 'referredBy' });
    }
    await this.store.writer().update(accountsResource, accountId, input);
    await keepDefaultContactAmongContacts(this.store, accountId);
  }
}
