import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountUpdated } from '../../contracts/crm';
import { BusinessRuleViolation, Outbox } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { accountsResource } from './account.resource';
import { keepDefaultContactAmongContacts } from './default-contact';
import { UpdateAccount } from './update-account.command';

@CommandHandler(UpdateAccount)
export class UpdateAccountHandler implements ICommandHandler<UpdateAccount> {
  constructor(
    private readonly store: CrmStore,
    private readonly outbox: Outbox,
  ) {}

  async execute({ organizationId, accountId, input }: UpdateAccount): Promise<void> {
    if (input.relationships.referredBy === accountId) {
      throw new BusinessRuleViolation('An account cannot be referred by itself.', { relationship: 'referredBy' });
    }
    await this.store.writer().update(accountsResource, accountId, input);
    await keepDefaultContactAmongContacts(this.store, accountId);
    await this.outbox.publish(new AccountUpdated(accountId, organizationId));
  }
}
