import { defineModule } from '../platform';
import { crmMigrations } from '../../migrations/crm';
import { accountMergesResource } from './account-merges/account-merge.resource';
import { accountsResource } from './accounts/account.resource';
import { b2bCustomersResource } from './b2b-customers/b2b-customer.resource';
import { channelsResource } from './channels/channel.resource';
import { contactGroupsResource } from './contact-groups/contact-group.resource';
import { contactsResource } from './contacts/contact.resource';
import { dictionaryResources } from './dictionaries/dictionary.resources';
import { GetOpportunityForecast } from './forecast/opportunity-forecast.query';
import { SearchCustomers } from './search/search.query';
import { leadsResource } from './leads/lead.resource';
import { AGGREGATE_LIFETIME_AVERAGES, AggregateLifetimeAveragesJob } from './lifetime/aggregate-lifetime-averages.job';
import { lifetimeAveragesResource } from './lifetime/lifetime-average.resource';
import { lifetimeValuesResource } from './lifetime/lifetime-value.resource';
import { RECOMPUTE_LIFETIME, RecomputeLifetimeJob } from './lifetime/recompute-lifetime.job';
import { CrmLifetimeReconciler } from './lifetime/crm-lifetime-reconciler';
import { opportunitiesResource } from './opportunities/opportunity.resource';
import { salesSettings } from './opportunities/sales.settings';
import { accountImportFormat } from './accounts/account.import-format';
import { contactImportFormat } from './contacts/contact.import-format';
import { MergeAccountsHandler } from './account-merges/merge-accounts.handler';
import { CreateAccountHandler } from './accounts/create-account.handler';
import { CreateAccountsHandler } from './accounts/create-accounts.handler';
import { DeleteAccountsHandler } from './accounts/delete-accounts.handler';
import { GetAccountHandler } from './accounts/get-account.handler';
import { GetAccountCrmOverviewHandler } from './accounts/account-crm-overview.handler';
import { UpdateAccountHandler } from './accounts/update-account.handler';
import { CreateChannelHandler, DeleteChannelsHandler, EnsureSystemChannelHandler, UpdateChannelHandler } from './channels/channel.handlers';
import { DeleteB2bCustomersHandler, SaveB2bCustomerHandler } from './b2b-customers/save-b2b-customer.handler';
import { CreateContactsHandler } from './contacts/create-contacts.handler';
import { SaveContactHandler } from './contacts/save-contact.handler';
import { CustomerAssociations } from './customer-associations/customer-associations';
import { CreateAccountsForCustomerIdentitiesHandler, MoveCustomerIdentitiesHandler } from './customer-associations/bulk-customer-identity.handlers';
import { MoveCustomerAssociationsHandler } from './customer-associations/move-customer-associations.handler';
import { GetAccountForCustomerIdentityHandler, MoveCustomerIdentityHandler, RegisterCustomerIdentityHandler, RemoveCustomerIdentityHandler, AttachToCustomerIdentityHandler } from './customer-associations/customer-identity.handlers';
import { GetOpportunityForecastHandler } from './forecast/opportunity-forecast.handler';
import { SaveLeadHandler } from './leads/save-lead.handler';
import { LifetimeRecomputation } from './lifetime/lifetime-recomputation';
import { GetAccountLifetimeValueHandler, RecordChannelLifetimeValuesHandler } from './lifetime/lifetime.handlers';
import { DeleteOpportunitiesHandler, SaveOpportunityHandler } from './opportunities/save-opportunity.handler';
import { ListAccountOpportunitiesHandler, ListOpportunitiesForCustomerIdentitiesHandler, ListOpportunitiesForCustomerIdentityHandler } from './opportunities/list-opportunities.handler';
import { SearchCustomersHandler } from './search/search.handler';
import { CrmStore } from './shared/crm-store';

export const crmManifest = defineModule({
  name: 'crm',
  migrationsDir: 'migrations/crm',
  migrations: crmMigrations,
  providers: [
    CrmStore,
    CreateAccountHandler,
    CreateAccountsHandler,
    UpdateAccountHandler,
    DeleteAccountsHandler,
    GetAccountHandler,
    GetAccountCrmOverviewHandler,
    SaveContactHandler,
    CreateContactsHandler,
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
    MoveCustomerAssociationsHandler,
    SaveB2bCustomerHandler,
    DeleteB2bCustomersHandler,
    SaveLeadHandler,
    SaveOpportunityHandler,
    DeleteOpportunitiesHandler,
    ListOpportunitiesForCustomerIdentityHandler,
    ListOpportunitiesForCustomerIdentitiesHandler,
    ListAccountOpportunitiesHandler,
    LifetimeRecomputation,
    RecordChannelLifetimeValuesHandler,
    GetAccountLifetimeValueHandler,
    MergeAccountsHandler,
    GetOpportunityForecastHandler,
    SearchCustomersHandler,
  ],
  importFormats: [accountImportFormat, contactImportFormat],
  resources: [accountsResource, contactsResource, contactGroupsResource, channelsResource, b2bCustomersResource, leadsResource, opportunitiesResource, lifetimeValuesResource, lifetimeAveragesResource, accountMergesResource, ...dictionaryResources],
  jobs: [RecomputeLifetimeJob, AggregateLifetimeAveragesJob],
  schedules: [
    {
      name: 'crm.lifetime-averages',
      cron: '0 4 * * *',
      job: AggregateLifetimeAveragesJob,
      data: { force: false },
      description: "nightly: this month's average lifetime value per channel",
    },
  ],
  settings: [salesSettings],
  endpoints: [
    {
      api: 'admin',
      path: 'opportunityforecast',
      description: 'Opportunities by owner and close-date month: open count, budget, weighted budget, won revenue (base currency).',
      access: { resource: 'opportunities', permission: 'VIEW' },
      query: (parameters, caller) => new GetOpportunityForecast(caller, parameters),
    },
    {
      api: 'admin',
      path: 'search',
      description: 'Search accounts, contacts and business customers by name, e-mail or phone: ?q=…&types=accounts,contacts,b2bcustomers.',
      access: { resource: 'accounts', permission: 'VIEW' },
      query: (parameters, caller) => new SearchCustomers(caller, parameters),
    },
  ],
  cliCommands: [
    {
      name: 'crm:lifetime:recalculate',
      description: 'recompute every business customer and account lifetime value from source (set-based)',
      job: RECOMPUTE_LIFETIME,
      data: { accountId: '*' },
    },
    {
      name: 'crm:lifetime-average:aggregate',
      description: 'rebuild the monthly average lifetime values per channel for every month since the first history row',
      job: AGGREGATE_LIFETIME_AVERAGES,
      data: { force: true },
    },
  ],
  reconcilers: [
    {
      topic: 'lifetime',
      name: 'crm.account-lifetime-values',
      description: "business customers' lifetimes and accounts' CRM totals from opportunities",
      reconciler: CrmLifetimeReconciler,
    },
  ],
});
