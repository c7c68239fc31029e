import { CommerceSchema1763900000200 } from './1763900000200-commerce-schema';
import { CommerceCustomersUsersOrders1763900002000 } from './1763900002000-commerce-customers-users-orders';
import { CommercePredefinedCustomerUserRoles1763900002200 } from './1763900002200-commerce-predefined-customer-user-roles';
import { CommerceSearchIndexes1763900002300 } from './1763900002300-commerce-search-indexes';
import { CommerceLifetimePending1763900002400 } from './1763900002400-commerce-lifetime-pending';
import { CommerceLifetimeBreakdown1763900002450 } from './1763900002450-commerce-lifetime-breakdown';
import { CommerceStorefrontAccounts1763900002500 } from './1763900002500-commerce-storefront-accounts';
import { CommerceToManyOrderIndexes1763900002530 } from './1763900002530-commerce-to-many-order-indexes';
import { CommerceConsents1763900002600 } from './1763900002600-commerce-consents';
import { CommerceLifetimeRequests1763900002650 } from './1763900002650-commerce-lifetime-requests';
import { CommerceSearchPendingLists1763900002700 } from './1763900002700-commerce-search-pending-lists';

export const commerceMigrations = [
  CommerceSchema1763900000200,
  CommerceCustomersUsersOrders1763900002000,
  CommercePredefinedCustomerUserRoles1763900002200,
  CommerceSearchIndexes1763900002300,
  CommerceLifetimePending1763900002400,
  CommerceLifetimeBreakdown1763900002450,
  CommerceStorefrontAccounts1763900002500,
  CommerceToManyOrderIndexes1763900002530,
  CommerceConsents1763900002600,
  CommerceLifetimeRequests1763900002650,
  CommerceSearchPendingLists1763900002700,
];
