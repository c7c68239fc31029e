import { defineModule } from '../platform';
import { integrationMigrations } from '../../migrations/integration';
import { leadCustomerExtension, opportunityCustomerExtension } from './customer-records/record-customer.extensions';
import { GetAccountOverview } from './account-overview/get-account-overview.query';
import { accountCustomersExtension, customerAccountExtension } from './customer-accounts/customer-account.extensions';
import { AccountLifetimeValuesSubscriber } from './customer-accounts/account-lifetime-values.subscriber';
import { FollowAccountMergeSubscriber } from './customer-accounts/follow-account-merge.subscriber';
import { ForgetDeletedAccountSubscriber } from './customer-accounts/forget-deleted-account.subscriber';
import { LINK_EXISTING_CUSTOMERS, LinkExistingCustomersJob } from './customer-accounts/link-existing-customers.job';
import { LinkNewCustomerSubscriber } from './customer-accounts/link-new-customer.subscriber';
import { LinkNewCustomersSubscriber } from './customer-accounts/link-new-customers.subscriber';
import { UnlinkDeletedCustomerSubscriber } from './customer-accounts/unlink-deleted-customer.subscriber';
import { AccountCommerceReconciler } from './lifetime/account-commerce-reconciler';
import { CommerceChannelForNewOrganizationSubscriber } from './lifetime/commerce-channel-for-new-organization.subscriber';
import { EnsureCommerceChannelsJob } from './lifetime/ensure-commerce-channels.job';
import { PendingAccountTotals } from './lifetime/pending-account-totals';
import { RecordPendingAccountTotalsJob } from './lifetime/record-pending-account-totals.job';
import { integrationSettings } from './strategy/integration.settings';
import { FollowReparentingSubscriber } from './strategy/follow-reparenting.subscriber';
import { ReassignCustomerAccountsJob } from './strategy/reassign-customer-accounts.job';
import { StrategySwitchSubscriber } from './strategy/strategy-switch.subscriber';
import { customerAccountImportColumns } from './customer-accounts/customer-account.import-columns';
import { GetAccountOverviewHandler } from './account-overview/account-overview.handler';
import { AccountCommerceTotals } from './customer-accounts/account-commerce-totals';
import { LinkCustomerToAccountHandler, LinkCustomersToAccountsHandler, MoveCustomerToAccountHandler } from './customer-accounts/customer-account.handlers';
import { CustomerBatchLinker } from './customer-accounts/customer-batch-linker';
import { CustomerLinker } from './customer-accounts/customer-linker';
import { AccountOfCustomerRecordHandler, SetRecordCustomerHandler } from './customer-records/customer-record.handlers';
import { CommerceChannels } from './lifetime/commerce-channels';
import { IntegrationStore } from './shared/integration-store';
import { AccountStrategy } from './strategy/account-strategy';
import { CustomerReassignment } from './strategy/customer-reassignment';

/** Links commerce customers to CRM accounts: meaningless without both halves. */
export const integrationManifest = defineModule({
  name: 'integration',
  requires: ['crm', 'commerce'],
  migrationsDir: 'migrations/integration',
  migrations: integrationMigrations,
  providers: [
    IntegrationStore,
    AccountCommerceTotals,
    CustomerLinker,
    CustomerBatchLinker,
    AccountStrategy,
    CustomerReassignment,
    LinkCustomerToAccountHandler,
    LinkCustomersToAccountsHandler,
    MoveCustomerToAccountHandler,
    GetAccountOverviewHandler,
    AccountOfCustomerRecordHandler,
    SetRecordCustomerHandler,
    CommerceChannels,
    PendingAccountTotals,
  ],
  settings: [integrationSettings],
  jobs: [LinkExistingCustomersJob, ReassignCustomerAccountsJob, EnsureCommerceChannelsJob, RecordPendingAccountTotalsJob],
  schedules: [
    {
      name: 'integration.link-existing-customers',
      cron: '* * * * *',
      job: LinkExistingCustomersJob,
      data: {},
      description: 'every minute until done: give the customers that existed before the integration their accounts',
    },
  ],
  cliCommands: [
    {
      name: 'integration:customers:link',
      description: 'give every commerce customer without an account its own account (from the first customer again)',
      job: LINK_EXISTING_CUSTOMERS,
      data: { again: true },
    },
  ],
  endpoints: [
    {
      api: 'admin',
      path: 'accounts/{id}/overview',
      description:
        'An account across every channel: lifetime value per channel (with its name) and paid-order count, the first contacts and business customers (meta.contactCount, meta.businessCustomerCount), open opportunities, commerce customers with users, latest orders, lifetime sales value, paid-order count and subtree lifetime sales value.',
      access: { resource: 'accounts', permission: 'VIEW' },
      query: (parameters, caller) => new GetAccountOverview(caller, parameters.id),
    },
  ],
  importColumns: [customerAccountImportColumns],
  resourceExtensions: [customerAccountExtension, accountCustomersExtension, opportunityCustomerExtension, leadCustomerExtension],
  subscribers: [
    LinkNewCustomerSubscriber,
    LinkNewCustomersSubscriber,
    AccountLifetimeValuesSubscriber,
    UnlinkDeletedCustomerSubscriber,
    FollowAccountMergeSubscriber,
    ForgetDeletedAccountSubscriber,
    StrategySwitchSubscriber,
    FollowReparentingSubscriber,
    CommerceChannelForNewOrganizationSubscriber,
  ],
  reconcilers: [
    {
      topic: 'lifetime',
      name: 'integration.account-commerce-totals',
      description: "commerce channels, customers' values and paid-order counts on their links and accounts' commerce totals and counts",
      reconciler: AccountCommerceReconciler,
    },
  ],
});
