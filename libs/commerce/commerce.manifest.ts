import { defineModule } from '../platform';
import { commerceMigrations } from '../../migrations/commerce';
import { CommerceModule } from './commerce.module';

export const commerceManifest = defineModule({
  name: 'commerce',
  module: CommerceModule,
  migrationsDir: 'migrations/commerce',
  migrations: commerceMigrations,
});
