import { platformMigrations } from '../../../migrations/platform';
import type { ModuleSchema } from './module-schema';

/** The platform's own part of the schema: always migrated, whatever modules are enabled. */
export const platformManifestParts = { migrations: platformMigrations };

/** The migrations a deployment of these modules runs: the platform's, then each module's. */
export function migrationsOf(manifests: ModuleSchema[]): Function[] {
  return [...platformManifestParts.migrations, ...manifests.flatMap((m) => m.migrations)];
}
