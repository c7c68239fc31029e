import { IntegrationSchema1763900000300 } from './1763900000300-integration-schema';
import { IntegrationCustomerAccounts1763900003000 } from './1763900003000-integration-customer-accounts';
import { IntegrationTaskProgress1763900003100 } from './1763900003100-integration-task-progress';

export const integrationMigrations = [IntegrationSchema1763900000300, IntegrationCustomerAccounts1763900003000, IntegrationTaskProgress1763900003100];
