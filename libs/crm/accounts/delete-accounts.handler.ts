import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountDeleted } from '../../contracts/crm';
import { Outbox } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { accountsResource } from './account.resource';
import { DeleteAccounts } from './delete-accounts.command';

@CommandHandler(DeleteAccounts)
export class DeleteAccountsHandler implements ICommandHandler<DeleteAccounts> {
  constructor(
    private readonly store: CrmStore,
    private readonly outbox: Outbox,
  ) {}

  async execute({ organizationId, accountIds }: DeleteAccounts): Promise<void> {
    await this.store.writer().delete(accountsResource, accountIds);
    await this.outbox.publish(...accountIds.map((id) => new AccountDeleted(id, organizationId)));
  }
}
