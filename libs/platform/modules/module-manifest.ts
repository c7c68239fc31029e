import type { Type } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import type { ResourceDefinition } from '../json-api/resource-definition';

/**
 * What a loadable module tells the platform about itself. The platform builds the API, the worker, the migrations and
 * the test harness from the manifests of the enabled modules only.
 */
export interface ModuleManifest {
  /** Name used in `MODULES` and as the module's database schema and queue name. */
  name: string;
  /** Modules that must be enabled too. */
  requires: string[];
  /** The module's Nest module (its providers, controllers and command/query handlers). */
  module: Type<unknown>;
  /** TypeORM entity classes, all in the module's own schema. */
  entities: Type<unknown>[];
  /** Folder of the module's migrations (documentation and tooling) and the migration classes themselves. */
  migrationsDir: string;
  migrations: Type<MigrationInterface>[];
  /** Classes decorated with `@JobHandler`, consumed from the module's own queue. */
  jobs: Type<unknown>[];
  /** Classes decorated with `@EventSubscriber`, fed by the transactional outbox. */
  subscribers: Type<unknown>[];
  /** JSON:API resources served by the shared engine (they exist only while the module is loaded). */
  resources: ResourceDefinition[];
  /** CLI commands that run one of the module's jobs at once, in the CLI process (e.g. a full recalculation). */
  cliCommands: Array<{ name: string; description: string; job: string; data: object }>;
}

export function defineModule(
  manifest: Omit<ModuleManifest, 'entities' | 'jobs' | 'subscribers' | 'requires' | 'resources' | 'cliCommands'> &
    Partial<Pick<ModuleManifest, 'entities' | 'jobs' | 'subscribers' | 'requires' | 'resources' | 'cliCommands'>>,
): ModuleManifest {
  return { requires: [], entities: [], jobs: [], subscribers: [], resources: [], cliCommands: [], ...manifest };
}
