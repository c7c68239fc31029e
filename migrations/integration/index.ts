import { IntegrationSchema1763900000300 } from './1763900000300-integration-schema';
import { IntegrationCustomerAccounts1763900003000 } from './1763900003000-integration-customer-accounts';
import { IntegrationLifetimePipeline1763900003100 } from './1763900003100-integration-lifetime-pipeline';
import { IntegrationTaskProgress1763900003200 } from './1763900003200-integration-task-progress';
import { IntegrationLinkPaidOrderCount1763900003250 } from './1763900003250-integration-link-paid-order-count';
import { IntegrationToManyOrderIndexes1763900003330 } from './1763900003330-integration-to-many-order-indexes';
import { IntegrationLinkRootCustomer1763900003370 } from './1763900003370-integration-link-root-customer';
import { IntegrationPendingTotalsHeap1763900003371 } from './1763900003371-integration-pending-totals-heap';

export const integrationMigrations = [
  IntegrationSchema1763900000300,
  IntegrationCustomerAccounts1763900003000,
  IntegrationLifetimePipeline1763900003100,
  IntegrationTaskProgress1763900003200,
  IntegrationLinkPaidOrderCount1763900003250,
  IntegrationToManyOrderIndexes1763900003330,
  IntegrationLinkRootCustomer1763900003370,
  IntegrationPendingTotalsHeap1763900003371,
];
