import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { registerAsyncOperationRoutes } from '../async-operations/register-async-operation-routes';
import { registerDeadLetterRoutes } from '../dead-letters/register-dead-letter-routes';
import { registerModuleActions, registerModuleEndpoints } from '../http/register-module-endpoints';
import { OAuthTokenService } from '../identity/oauth-token.service';
import { Exports } from '../import-export/exports';
import { Imports } from '../import-export/imports';
import { registerImportExportRoutes } from '../import-export/register-import-export-routes';
import { API_PREFIX, type ApiName } from '../json-api/api-name';
import { CALLER_RESOLVER, type CallerResolver } from '../json-api/caller';
import type { ApiRoutes } from '../json-api/http/api-routes';
import { JsonApiService } from '../json-api/json-api.service';
import { RESOURCE_REGISTRY, type ResourceRegistry } from '../json-api/resource-registry';
import { registerSettingsRoutes } from '../settings/register-settings-routes';
import { Settings } from '../settings/settings';
import type { PlatformOptions } from '../platform.module';

/**
 * The APIs' routes that are not a resource's, in the order they are registered: the back office's dead-letter retry,
 * settings, operation errors and CSV import/export, then each API's module reports and actions.
 */
export function apiRoutes(app: INestApplicationContext, { config, manifests }: PlatformOptions): ApiRoutes[] {
  const service = app.get(JsonApiService);
  const registry = app.get<ResourceRegistry>(RESOURCE_REGISTRY);
  const callers = app.get<CallerResolver>(CALLER_RESOLVER);
  const dataSource = app.get(DataSource);
  const engine = { service, registry, callers, dataSource };
  const endpoints = manifests.flatMap((m) => m.endpoints);
  const actions = manifests.flatMap((m) => m.actions);
  const tokens = app.get(OAuthTokenService);
  const signIn = (userId: string, organizationId: string) => tokens.storefrontTokens(userId, organizationId);
  const importExport = { ...engine, imports: app.get(Imports), exports: app.get(Exports), dataDir: config.dataDir, importMaxBytes: config.importMaxBytes };
  return [
    { api: 'admin', register: (scope, send) => registerDeadLetterRoutes(scope, engine, send) },
    { api: 'admin', register: (scope, send) => registerSettingsRoutes(scope, { callers, settings: app.get(Settings) }, send) },
    { api: 'admin', register: (scope, send) => registerAsyncOperationRoutes(scope, engine, send) },
    { api: 'admin', register: (scope, send) => registerImportExportRoutes(scope, importExport, send) },
    ...(Object.keys(API_PREFIX) as ApiName[]).flatMap((api): ApiRoutes[] => [
      { api, register: (scope, send) => registerModuleEndpoints(scope, api, endpoints, { callers, queries: app.get(QueryBus) }, send) },
      {
        api,
        register: (scope, send) =>
          registerModuleActions(scope, api, actions, app.get(CommandBus), callers, signIn, send, endpoints.filter((e) => e.api === api).map((e) => e.path)),
      },
    ]),
  ];
}
