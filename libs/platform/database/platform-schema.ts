import { platformMigrations } from '../../../migrations/platform';

/** The platform's own part of the schema: always migrated, whatever modules are enabled. */
export const platformManifestParts = { migrations: platformMigrations };
