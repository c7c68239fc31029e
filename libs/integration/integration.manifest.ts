import { defineModule } from '../platform';
import { integrationMigrations } from '../../migrations/integration';
import { IntegrationModule } from './integration.module';

/** Links commerce customers to CRM accounts: meaningless without both halves. */
export const integrationManifest = defineModule({
  name: 'integration',
  requires: ['crm', 'commerce'],
  module: IntegrationModule,
  migrationsDir: 'migrations/integration',
  migrations: integrationMigrations,
});
