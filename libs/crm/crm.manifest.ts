import { defineModule } from '../platform';
import { crmMigrations } from '../../migrations/crm';
import { CrmModule } from './crm.module';

export const crmManifest = defineModule({
  name: 'crm',
  module: CrmModule,
  migrationsDir: 'migrations/crm',
  migrations: crmMigrations,
});
