import type { Provider, Type } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import type { ApiName } from '../json-api/api-name';
import type { Caller, Permission } from '../json-api/caller';
import type { ResourceDefinition, ResourceExtension } from '../json-api/resource-definition';
import type { ModuleReconciler } from '../reconciliation/reconciler';
import type { ScheduledJob } from '../schedules/scheduled-job';
import type { SettingsSection } from '../settings/settings-section';
import type { ImportColumnExtension, ImportFormat } from '../import-export/import-format';
import { nestModuleOf } from './nest-module-of';

/**
 * What a loadable module tells the platform about itself. The platform builds the API, the worker, the migrations and
 * the test harness from the manifests of the enabled modules only.
 */
export interface ModuleManifest {
  /** Name used in `MODULES` and as the module's database schema and queue name. */
  name: string;
  /** Modules that must be enabled too. */
  requires: string[];
  /**
   * The module's command and query handlers and the services they share. With the classes of `jobs`, `subscribers`
   * and `reconcilers` they are the providers of the module's Nest module: each class is listed once, here or there.
   */
  providers: Provider[];
  /** The module's Nest module, derived by `defineModule` from `providers`, `jobs`, `subscribers` and `reconcilers`. */
  module: Type<unknown>;
  /** Folder of the module's migrations (documentation and tooling) and the migration classes themselves. */
  migrationsDir: string;
  migrations: Type<MigrationInterface>[];
  /** Classes decorated with `@JobHandler`, consumed from the module's own queue. */
  jobs: Type<unknown>[];
  /** Classes decorated with `@EventSubscriber`, fed by the transactional outbox. */
  subscribers: Type<unknown>[];
  /** JSON:API resources served by the shared engine (they exist only while the module is loaded). */
  resources: ResourceDefinition[];
  /** The storefront API's resources (`/api`), evaluated with the storefront's access levels. */
  storefrontResources: ResourceDefinition[];
  /** Relationships the module adds to other modules' resources (see ResourceExtension). */
  resourceExtensions: ResourceExtension[];
  /** Read-only reports that are not resources (a forecast, a search), answered by a query on the query bus. */
  endpoints: ModuleEndpoint[];
  /** Requests that are not resources and need no token (storefront registration, password resets), answered by a command. */
  actions: ModuleAction[];
  /** Sections of organization settings (`/admin/api/settings/{name}`), read with `Settings.get`. */
  settings: SettingsSection[];
  /** Jobs requested on a calendar by the worker (e.g. a nightly aggregation). */
  schedules: ScheduledJob[];
  /** CLI commands that run one of the module's jobs at once, in the CLI process (e.g. a full recalculation). */
  cliCommands: Array<{ name: string; description: string; job: string; data: object }>;
  /** CSV import/export formats of the module's resources (domain.md §6). */
  importFormats: ImportFormat[];
  /** Columns the module adds to other modules' formats (the integration's `Account Id`). */
  importColumns: ImportColumnExtension[];
  /** Repairs of the module's derived values, run per topic by `<topic>:reconcile` and every night. */
  reconcilers: ModuleReconciler[];
}

/**
 * `GET {api prefix}/{path}`: the caller needs `access.permission` on `access.resource` at some level; the query (sent on
 * the query bus) gets the query-string parameters and the caller, and returns the JSON:API document to send.
 */
export interface ModuleEndpoint {
  api: ApiName;
  /** Under the API prefix, e.g. `search`; `{name}` segments are path parameters, given to `query` with the others. */
  path: string;
  description: string;
  /** What the caller needs; null: any signed-in caller (e.g. the storefront's `me`). */
  access: { resource: string; permission: Permission } | null;
  query: (parameters: Record<string, string>, caller: Caller) => object;
}

/**
 * `POST|PATCH {api prefix}/{path}` without authentication: the JSON:API body (and the client's address) become a command
 * sent on the command bus, in one transaction; the command answers the response to send. Refusals are
 * `BusinessRuleViolation`s or `JsonApiException`s, answered as error documents like any resource's.
 */
export interface ModuleAction {
  api: ApiName;
  method: 'POST' | 'PATCH';
  path: string;
  description: string;
  /** Signed-in callers only (the token of the action's API): the command gets the caller. Default: no token. */
  authenticated?: boolean;
  command: (body: unknown, request: { ip: string; caller?: Caller }) => object;
}

/** What an action's command answers. */
export interface ModuleActionResponse {
  status: number;
  body?: { meta?: Record<string, unknown> } & Record<string, unknown>;
  /** A storefront user to sign in: once the command committed, its tokens are added to the answer as `meta.token`. */
  signIn?: { userId: string; organizationId: string };
}

type Defaulted =
  | 'providers'
  | 'actions'
  | 'storefrontResources'
  | 'jobs'
  | 'subscribers'
  | 'requires'
  | 'resources'
  | 'resourceExtensions'
  | 'endpoints'
  | 'settings'
  | 'schedules'
  | 'cliCommands'
  | 'reconcilers'
  | 'importFormats'
  | 'importColumns';

/** What a module writes: its manifest without the derived Nest module, empty lists left out. */
export type ModuleDeclaration = Omit<ModuleManifest, Defaulted | 'module'> & Partial<Pick<ModuleManifest, Defaulted>>;

/** A module declared once: its manifest, and its Nest module derived from it. */
export function defineModule(declared: ModuleDeclaration): ModuleManifest {
  const manifest = withDefaults(declared);
  const classes = [...manifest.providers, ...manifest.jobs, ...manifest.subscribers, ...manifest.reconcilers.map((r) => r.reconciler)];
  return { ...manifest, module: nestModuleOf(manifest.name, classes) };
}

function withDefaults(declared: ModuleDeclaration): Omit<ModuleManifest, 'module'> {
  return {
    providers: [],
    requires: [],
    jobs: [],
    subscribers: [],
    resources: [],
    storefrontResources: [],
    resourceExtensions: [],
    endpoints: [],
    actions: [],
    settings: [],
    schedules: [],
    cliCommands: [],
    reconcilers: [],
    importFormats: [],
    importColumns: [],
    ...declared,
  };
}
