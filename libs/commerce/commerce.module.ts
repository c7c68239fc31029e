import { Module } from '@nestjs/common';
import { CommerceStore } from './shared/commerce-store';
import { AnonymousCustomerGroupSubscriber } from './customer-groups/anonymous-customer-group.subscriber';
import { DeleteCustomerGroupsHandler } from './customer-groups/delete-customer-groups.handler';
import { CreateCustomerHandler } from './customers/create-customer.handler';
import { CreateCustomersHandler } from './customers/create-customers.handler';
import { CustomerHierarchy } from './customers/customer-hierarchy';
import {
  GetCustomerAncestorsHandler,
  GetCustomerHandler,
  GetCustomerRootHandler,
  GetCustomerSubtreeHandler,
  ListCustomersHandler,
  CountCustomersHandler,
} from './customers/customer-queries.handler';
import { DeleteCustomersHandler } from './customers/delete-customers.handler';
import { UpdateCustomerHandler } from './customers/update-customer.handler';
import { CustomerUsersMembership } from './customers/customer-users-membership';
import { SaveAddressHandler } from './addresses/save-address.handler';
import { DeleteCustomerUserRolesHandler } from './customer-user-roles/delete-customer-user-roles.handler';
import { PredefinedCustomerUserRolesSubscriber } from './customer-user-roles/predefined-roles.subscriber';
import { SaveCustomerUserRoleHandler } from './customer-user-roles/save-customer-user-role.handler';
import { DeleteCustomerUsersHandler } from './customer-users/delete-customer-users.handler';
import { SaveCustomerUserHandler } from './customer-users/save-customer-user.handler';
import { CustomerLifetimeReconciler } from './lifetime/customer-lifetime-reconciler';
import { CustomerLifetimeValues } from './lifetime/customer-lifetime-values';
import { LifetimeRecomputation } from './lifetime/lifetime-recomputation';
import { ListCustomerLifetimeValuesHandler } from './lifetime/list-customer-lifetime-values.handler';
import { RecomputeLifetimeSalesValueJob } from './lifetime/recompute-lifetime-sales-value.job';
import { DeleteOrdersHandler, SaveOrderHandler } from './orders/order.handlers';
import { GetCustomerOverviewHandler, GetCustomerOverviewsHandler } from './overview/customer-overview.handler';
import { DeleteStorefrontCustomerUsersHandler, SaveStorefrontCustomerUserHandler } from './storefront/storefront-customer-user.handlers';
import { GetMeHandler, UpdateMeHandler } from './storefront/me';
import { SaveStorefrontAddressHandler } from './storefront/storefront-address.handler';
import { AcceptConsentHandler, DeclineConsentsHandler } from './consents/consent.handlers';
import { SaveStorefrontCustomerUserRoleHandler } from './storefront/storefront-role.handlers';
import { ConfirmCustomerUserHandler } from './storefront-accounts/confirm-customer-user.handler';
import { RequestPasswordResetHandler, ResetPasswordHandler } from './storefront-accounts/password-reset.handlers';
import { RegisterCustomerUserHandler } from './storefront-accounts/register-customer-user.handler';
import {
  FindStorefrontSignInCandidatesHandler,
  GetStorefrontUserRefusalHandler,
  RecordStorefrontSignInHandler,
  ResolveStorefrontCallerHandler,
} from './storefront-accounts/storefront-sign-in.handlers';

/** The commerce module's Nest module: its resources, command/query handlers, jobs and subscribers are added here. */
@Module({
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
    AnonymousCustomerGroupSubscriber,
    SaveOrderHandler,
    DeleteOrdersHandler,
    LifetimeRecomputation,
    CustomerLifetimeValues,
    RecomputeLifetimeSalesValueJob,
    ListCustomerLifetimeValuesHandler,
    CustomerLifetimeReconciler,
    GetCustomerOverviewHandler,
    GetCustomerOverviewsHandler,
    SaveCustomerUserHandler,
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
    PredefinedCustomerUserRolesSubscriber,
    SaveAddressHandler,
  ],
})
export class CommerceModule {}
