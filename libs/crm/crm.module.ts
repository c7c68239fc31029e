import { Module } from '@nestjs/common';
import { MergeAccountsHandler } from './account-merges/merge-accounts.handler';
import { CreateAccountHandler } from './accounts/create-account.handler';
import { CreateAccountsHandler } from './accounts/create-accounts.handler';
import { DeleteAccountsHandler } from './accounts/delete-accounts.handler';
import { GetAccountHandler } from './accounts/get-account.handler';
import { ListAccountB2bCustomersHandler, ListAccountContactsHandler } from './accounts/list-account-records.handler';
import { UpdateAccountHandler } from './accounts/update-account.handler';
import { CreateChannelHandler, DeleteChannelsHandler, EnsureSystemChannelHandler, UpdateChannelHandler } from './channels/channel.handlers';
import { DeleteB2bCustomersHandler, SaveB2bCustomerHandler } from './b2b-customers/save-b2b-customer.handler';
import { SaveContactHandler } from './contacts/save-contact.handler';
import { CustomerAssociations } from './customer-associations/customer-associations';
import {
  CreateAccountsForCustomerIdentitiesHandler,
  FindExistingAccountsHandler,
  MoveCustomerIdentitiesHandler,
} from './customer-associations/bulk-customer-identity.handlers';
import {
  GetAccountForCustomerIdentityHandler,
  MoveCustomerIdentityHandler,
  RegisterCustomerIdentityHandler,
  RemoveCustomerIdentityHandler,
  AttachToCustomerIdentityHandler,
} from './customer-associations/customer-identity.handlers';
import { GetOpportunityForecastHandler } from './forecast/opportunity-forecast.handler';
import { SaveLeadHandler } from './leads/save-lead.handler';
import { LifetimeRecomputation } from './lifetime/lifetime-recomputation';
import { GetAccountLifetimeValueHandler, RecordChannelLifetimeValuesHandler } from './lifetime/lifetime.handlers';
import { RecomputeLifetimeJob } from './lifetime/recompute-lifetime.job';
import { CrmLifetimeReconciler } from './lifetime/crm-lifetime-reconciler';
import { AggregateLifetimeAveragesJob } from './lifetime/aggregate-lifetime-averages.job';
import { DeleteOpportunitiesHandler, SaveOpportunityHandler } from './opportunities/save-opportunity.handler';
import {
  ListAccountOpportunitiesHandler,
  ListOpportunitiesForCustomerIdentitiesHandler,
  ListOpportunitiesForCustomerIdentityHandler,
} from './opportunities/list-opportunities.handler';
import { SearchCustomersHandler } from './search/search.handler';
import { CrmStore } from './shared/crm-store';

/** The CRM module's Nest module: its command and query handlers. */
@Module({
  providers: [
    CrmStore,
    CreateAccountHandler,
    CreateAccountsHandler,
    UpdateAccountHandler,
    DeleteAccountsHandler,
    GetAccountHandler,
    ListAccountContactsHandler,
    ListAccountB2bCustomersHandler,
    SaveContactHandler,
    CreateChannelHandler,
    UpdateChannelHandler,
    DeleteChannelsHandler,
    EnsureSystemChannelHandler,
    CustomerAssociations,
    RegisterCustomerIdentityHandler,
    MoveCustomerIdentityHandler,
    RemoveCustomerIdentityHandler,
    AttachToCustomerIdentityHandler,
    GetAccountForCustomerIdentityHandler,
    CreateAccountsForCustomerIdentitiesHandler,
    MoveCustomerIdentitiesHandler,
    FindExistingAccountsHandler,
    SaveB2bCustomerHandler,
    DeleteB2bCustomersHandler,
    SaveLeadHandler,
    SaveOpportunityHandler,
    DeleteOpportunitiesHandler,
    ListOpportunitiesForCustomerIdentityHandler,
    ListOpportunitiesForCustomerIdentitiesHandler,
    ListAccountOpportunitiesHandler,
    LifetimeRecomputation,
    RecomputeLifetimeJob,
    CrmLifetimeReconciler,
    AggregateLifetimeAveragesJob,
    RecordChannelLifetimeValuesHandler,
    GetAccountLifetimeValueHandler,
    MergeAccountsHandler,
    GetOpportunityForecastHandler,
    SearchCustomersHandler,
  ],
})
export class CrmModule {}
