import { defineModule } from '../platform';
import { commerceMigrations } from '../../migrations/commerce';
import { CommerceModule } from './commerce.module';
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
import { GetMe, UpdateMe } from './storefront/me';
import { consentAcceptancesResource, consentsResource, storefrontConsentsResource } from './consents/consent.resources';

export const commerceManifest = defineModule({
  name: 'commerce',
  module: CommerceModule,
  migrationsDir: 'migrations/commerce',
  migrations: commerceMigrations,
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
