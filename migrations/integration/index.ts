import { IntegrationSchema1763900000300 } from './1763900000300-integration-schema';

export const integrationMigrations = [IntegrationSchema1763900000300];
