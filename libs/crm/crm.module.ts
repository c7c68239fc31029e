import { Module } from '@nestjs/common';
import { CreateAccountHandler } from './accounts/create-account.handler';
import { DeleteAccountsHandler } from './accounts/delete-accounts.handler';
import { GetAccountHandler } from './accounts/get-account.handler';
import { UpdateAccountHandler } from './accounts/update-account.handler';
import { CreateChannelHandler, DeleteChannelsHandler, EnsureSystemChannelHandler, UpdateChannelHandler } from './channels/channel.handlers';
import { SaveContactHandler } from './contacts/save-contact.handler';
import { CrmStore } from './shared/crm-store';

/** The CRM module's Nest module: its command and query handlers. */
@Module({
  providers: [
    CrmStore,
    CreateAccountHandler,
    UpdateAccountHandler,
    DeleteAccountsHandler,
    GetAccountHandler,
    SaveContactHandler,
    CreateChannelHandler,
    UpdateChannelHandler,
    DeleteChannelsHandler,
    EnsureSystemChannelHandler,
  ],
})
export class CrmModule {}
