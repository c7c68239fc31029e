import { Module } from '@nestjs/common';
import { GetAccountOverviewHandler } from './account-overview/account-overview.handler';
import { AccountCommerceTotals } from './customer-accounts/account-commerce-totals';
import { LinkCustomerToAccountHandler, LinkCustomersToAccountsHandler, MoveCustomerToAccountHandler } from './customer-accounts/customer-account.handlers';
import { CustomerBatchLinker } from './customer-accounts/customer-batch-linker';
import { CustomerLinker } from './customer-accounts/customer-linker';
import { LinkExistingCustomersJob } from './customer-accounts/link-existing-customers.job';
import { AccountLifetimeValuesSubscriber } from './customer-accounts/account-lifetime-values.subscriber';
import { FollowAccountMergeSubscriber } from './customer-accounts/follow-account-merge.subscriber';
import { ForgetDeletedAccountSubscriber } from './customer-accounts/forget-deleted-account.subscriber';
import { LinkNewCustomerSubscriber } from './customer-accounts/link-new-customer.subscriber';
import { LinkNewCustomersSubscriber } from './customer-accounts/link-new-customers.subscriber';
import { UnlinkDeletedCustomerSubscriber } from './customer-accounts/unlink-deleted-customer.subscriber';
import { AccountOfCustomerRecordHandler, SetRecordCustomerHandler } from './customer-records/customer-record.handlers';
import { AccountCommerceReconciler } from './lifetime/account-commerce-reconciler';
import { CommerceChannelForNewOrganizationSubscriber } from './lifetime/commerce-channel-for-new-organization.subscriber';
import { CommerceChannels } from './lifetime/commerce-channels';
import { EnsureCommerceChannelsJob } from './lifetime/ensure-commerce-channels.job';
import { IntegrationStore } from './shared/integration-store';
import { AccountStrategy } from './strategy/account-strategy';
import { CustomerReassignment } from './strategy/customer-reassignment';
import { FollowReparentingSubscriber } from './strategy/follow-reparenting.subscriber';
import { ReassignCustomerAccountsJob } from './strategy/reassign-customer-accounts.job';
import { StrategySwitchSubscriber } from './strategy/strategy-switch.subscriber';

/** The integration module's Nest module: its command handlers, subscribers and the services they share. */
@Module({
  providers: [
    IntegrationStore,
    AccountCommerceTotals,
    CustomerLinker,
    CustomerBatchLinker,
    AccountStrategy,
    CustomerReassignment,
    ReassignCustomerAccountsJob,
    StrategySwitchSubscriber,
    FollowReparentingSubscriber,
    LinkCustomerToAccountHandler,
    LinkCustomersToAccountsHandler,
    MoveCustomerToAccountHandler,
    LinkExistingCustomersJob,
    GetAccountOverviewHandler,
    AccountOfCustomerRecordHandler,
    SetRecordCustomerHandler,
    LinkNewCustomerSubscriber,
    LinkNewCustomersSubscriber,
    AccountLifetimeValuesSubscriber,
    UnlinkDeletedCustomerSubscriber,
    FollowAccountMergeSubscriber,
    ForgetDeletedAccountSubscriber,
    CommerceChannels,
    EnsureCommerceChannelsJob,
    CommerceChannelForNewOrganizationSubscriber,
    AccountCommerceReconciler,
  ],
})
export class IntegrationModule {}
