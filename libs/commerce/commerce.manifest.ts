import { defineModule } from '../platform';
import { commerceMigrations } from '../../migrations/commerce';
import { AnonymousCustomerGroupSubscriber } from './customer-groups/anonymous-customer-group.subscriber';
import { customerGroupsResource } from './customer-groups/customer-group.resource';
import { customersResource } from './customers/customer.resource';
import { customerAddressesResource, customerUserAddressesResource } from './addresses/address.resource';
import { customerUserRolesResource } from './customer-user-roles/customer-user-role.resource';
import { PredefinedCustomerUserRolesSubscriber } from './customer-user-roles/predefined-roles.subscriber';
import { customerUsersResource } from './customer-users/customer-user.resource';
import { customerRatingsResource } from './reference-data/customer-rating.resource';
import { customerTaxCodesResource } from './reference-data/customer-tax-code.resource';
import { paymentTermsResource } from './reference-data/payment-term.resource';
import { CustomerLifetimeReconciler } from './lifetime/customer-lifetime-reconciler';
import { RECOMPUTE_LIFETIME_SALES_VALUE, RecomputeLifetimeSalesValueJob } from './lifetime/recompute-lifetime-sales-value.job';
import { ordersResource } from './orders/order.resource';
import { customerSettings } from './settings/customer.settings';
import { customerImportFormat } from './customers/customer.import-format';
import { customerUserImportFormat } from './customer-users/customer-user.import-format';
import { storefrontAccountActions } from './storefront-accounts/storefront-account.actions';
import { storefrontResources } from './storefront/storefront.resources';
import { GetMe, UpdateMe, GetMeHandler, UpdateMeHandler } from './storefront/me';
import { consentAcceptancesResource, consentsResource, storefrontConsentsResource } from './consents/consent.resources';
import { CommerceStore } from './shared/commerce-store';
import { DeleteCustomerGroupsHandler } from './customer-groups/delete-customer-groups.handler';
import { CreateCustomerHandler } from './customers/create-customer.handler';
import { CreateCustomersHandler } from './customers/create-customers.handler';
import { CustomerHierarchy } from './customers/customer-hierarchy';
import { GetCustomerAncestorsHandler, GetCustomerHandler, GetCustomerRootHandler, GetCustomerSubtreeHandler, ListCustomersHandler, CountCustomersHandler } from './customers/customer-queries.handler';
import { DeleteCustomersHandler } from './customers/delete-customers.handler';
import { UpdateCustomerHandler } from './customers/update-customer.handler';
import { CustomerUsersMembership } from './customers/customer-users-membership';
import { SaveAddressHandler } from './addresses/save-address.handler';
import { DeleteCustomerUserRolesHandler } from './customer-user-roles/delete-customer-user-roles.handler';
import { SaveCustomerUserRoleHandler } from './customer-user-roles/save-customer-user-role.handler';
import { DeleteCustomerUsersHandler } from './customer-users/delete-customer-users.handler';
import { SaveCustomerUserHandler } from './customer-users/save-customer-user.handler';
import { MatchCustomerUserEmailsHandler } from './customer-users/match-customer-user-emails';
import { CreateCustomerUsersHandler } from './customer-users/create-customer-users.handler';
import { CustomerLifetimeValues } from './lifetime/customer-lifetime-values';
import { LifetimeRecomputation } from './lifetime/lifetime-recomputation';
import { ListCustomerLifetimeValuesHandler } from './lifetime/list-customer-lifetime-values.handler';
import { DeleteOrdersHandler, SaveOrderHandler } from './orders/order.handlers';
import { GetCustomerOverviewHandler, GetCustomerOverviewsHandler } from './overview/customer-overview.handler';
import { DeleteStorefrontCustomerUsersHandler, SaveStorefrontCustomerUserHandler } from './storefront/storefront-customer-user.handlers';
import { SaveStorefrontAddressHandler } from './storefront/storefront-address.handler';
import { AcceptConsentHandler, DeclineConsentsHandler } from './consents/consent.handlers';
import { SaveStorefrontCustomerUserRoleHandler } from './storefront/storefront-role.handlers';
import { ConfirmCustomerUserHandler } from './storefront-accounts/confirm-customer-user.handler';
import { RequestPasswordResetHandler, ResetPasswordHandler } from './storefront-accounts/password-reset.handlers';
import { RegisterCustomerUserHandler } from './storefront-accounts/register-customer-user.handler';
import { FindStorefrontSignInCandidatesHandler, GetStorefrontUserRefusalHandler, RecordStorefrontSignInHandler, ResolveStorefrontCallerHandler } from './storefront-accounts/storefront-sign-in.handlers';

export const commerceManifest = defineModule({
  name: 'commerce',
  migrationsDir: 'migrations/commerce',
  migrations: commerceMigrations,
  providers: [
    CommerceStore,
    CustomerHierarchy,
    CreateCustomerHandler,
    CreateCustomersHandler,
    UpdateCustomerHandler,
    CustomerUsersMembership,
    DeleteCustomersHandler,
    GetCustomerHandler,
    GetCustomerAncestorsHandler,
    GetCustomerRootHandler,
    GetCustomerSubtreeHandler,
    ListCustomersHandler,
    CountCustomersHandler,
    DeleteCustomerGroupsHandler,
    SaveOrderHandler,
    DeleteOrdersHandler,
    LifetimeRecomputation,
    CustomerLifetimeValues,
    ListCustomerLifetimeValuesHandler,
    GetCustomerOverviewHandler,
    GetCustomerOverviewsHandler,
    SaveCustomerUserHandler,
    MatchCustomerUserEmailsHandler,
    CreateCustomerUsersHandler,
    RegisterCustomerUserHandler,
    ConfirmCustomerUserHandler,
    RequestPasswordResetHandler,
    ResetPasswordHandler,
    FindStorefrontSignInCandidatesHandler,
    GetStorefrontUserRefusalHandler,
    RecordStorefrontSignInHandler,
    ResolveStorefrontCallerHandler,
    SaveStorefrontCustomerUserHandler,
    GetMeHandler,
    SaveStorefrontAddressHandler,
    AcceptConsentHandler,
    DeclineConsentsHandler,
    SaveStorefrontCustomerUserRoleHandler,
    UpdateMeHandler,
    DeleteStorefrontCustomerUsersHandler,
    DeleteCustomerUsersHandler,
    SaveCustomerUserRoleHandler,
    DeleteCustomerUserRolesHandler,
    SaveAddressHandler,
  ],
  resources: [customersResource, customerGroupsResource, customerRatingsResource, paymentTermsResource, customerTaxCodesResource, ordersResource, customerUsersResource, customerUserRolesResource, customerAddressesResource, customerUserAddressesResource, consentsResource],
  storefrontResources: [...storefrontResources, storefrontConsentsResource, consentAcceptancesResource],
  actions: [
    ...storefrontAccountActions,
    { api: 'storefront', method: 'PATCH', path: 'me', authenticated: true, description: 'Changes the caller\'s own profile (name parts, birthday) and password (`password` with `currentPassword`).', command: (body, { caller }) => new UpdateMe(caller!, body) },
  ],
  endpoints: [{ api: 'storefront', path: 'me', description: 'The signed-in customer user (a customerusers document; include and fields apply).', access: null, query: (parameters, caller) => new GetMe(caller, parameters) }],
  settings: [customerSettings],
  importFormats: [customerImportFormat, customerUserImportFormat],
  jobs: [RecomputeLifetimeSalesValueJob],
  subscribers: [AnonymousCustomerGroupSubscriber, PredefinedCustomerUserRolesSubscriber],
  cliCommands: [
    {
      name: 'commerce:lifetime:recalculate',
      description: 'recompute every commerce customer lifetime sales value from its orders (set-based)',
      job: RECOMPUTE_LIFETIME_SALES_VALUE,
      data: { customerId: '*' },
    },
  ],
  reconcilers: [
    {
      topic: 'lifetime',
      name: 'commerce.customer-lifetime-sales-values',
      description: "customers' lifetime sales values from their orders",
      reconciler: CustomerLifetimeReconciler,
    },
  ],
});
