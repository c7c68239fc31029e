import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { ModuleAction, ModuleEndpoint } from '../../modules/module-manifest';
import { type CallerResolver, withOwnerView } from '../caller';
import { registerAsyncOperationRoutes } from '../../async-operations/register-async-operation-routes';
import { JsonApiException } from '../json-api-exception';
import type { JsonApiResponse } from '../json-api-response';
import { API_PREFIX, JSON_API_MEDIA_TYPE } from '../api-name';
import { JsonApiService, RequestInfo } from '../json-api.service';
import { type ApiName, type ResourceDefinition, isResourceId } from '../resource-definition';
import type { ResourceRegistry } from '../resource-registry';
import { RouteKind, allowedMethods } from './allowed-methods';
import { registerDeadLetterRoutes } from './register-dead-letter-routes';
import { registerModuleActions, registerModuleEndpoints } from './register-module-endpoints';
import type { Settings } from '../../settings/settings';
import type { OAuthTokenService } from '../../identity/oauth-token.service';
import { registerSettingsRoutes } from '../../settings/register-settings-routes';
import { checkMediaTypes } from './media-type';
import { type ImportExportRouteDeps, registerImportExportRoutes } from '../../import-export/register-import-export-routes';
import { errorToException, jsonBytes, sendErrorDocument } from './error-reply';

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** Writes to these change who may do what. */
const IDENTITY_TYPES = new Set(['users', 'roles', 'organizations']);

export interface JsonApiRouteDeps {
  service: JsonApiService;
  queries: QueryBus;
  commands: CommandBus;
  endpoints: ModuleEndpoint[];
  actions: ModuleAction[];
  tokens: OAuthTokenService;
  registry: ResourceRegistry;
  callers: CallerResolver;
  logger: Logger;
  dataSource: DataSource;
  settings: Settings;
  /** CSV imports, templates and exports (admin API). */
  importExport?: Pick<ImportExportRouteDeps, 'imports' | 'exports' | 'dataDir' | 'importMaxBytes'>;
}

type Params = { id?: string; rel?: string };

/**
 * Mounts every loaded resource on its APIs (`/admin/api`, `/api`), four routes each, all answering through the one
 * engine: media-type checks, authentication (OPTIONS excepted), 405 with `Allow`, JSON:API error documents.
 */
export function registerJsonApiRoutes(fastify: FastifyInstance, deps: JsonApiRouteDeps): void {
  for (const api of Object.keys(API_PREFIX) as ApiName[]) {
    void fastify.register(async (scope) => mountApi(scope, api, deps), { prefix: API_PREFIX[api] });
  }
}

async function mountApi(scope: FastifyInstance, api: ApiName, deps: JsonApiRouteDeps): Promise<void> {
  scope.addContentTypeParser(JSON_API_MEDIA_TYPE, { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(JsonApiException.badRequest('request data constraint', 'The request body is not valid JSON.'), undefined);
    }
  });
  scope.setErrorHandler((error, request, reply) => sendError(error, request, reply, deps.logger));
  scope.setNotFoundHandler((_request, reply) => sendError(JsonApiException.notFound('The requested resource type does not exist.'), _request, reply, deps.logger));

  if (api === 'admin') {
    registerDeadLetterRoutes(scope, deps, send);
    registerSettingsRoutes(scope, deps, send);
    registerAsyncOperationRoutes(scope, deps, send);
    if (deps.importExport) await registerImportExportRoutes(scope, { ...deps, ...deps.importExport }, send);
  }
  registerModuleEndpoints(scope, api, deps.endpoints, { callers: deps.callers, queries: deps.queries }, send);
  registerModuleActions(scope, api, deps.actions, deps.commands, deps.callers, (userId, organizationId) => deps.tokens.storefrontTokens(userId, organizationId), send, deps.endpoints.filter((e) => e.api === api).map((e) => e.path));
  for (const resource of deps.registry.forApi(api).all(api)) {
    const base = `/${resource.type}`;
    route(scope, api, resource, 'collection', base, deps);
    route(scope, api, resource, 'item', `${base}/:id`, deps);
    route(scope, api, resource, 'related', `${base}/:id/:rel`, deps);
    route(scope, api, resource, 'relationship', `${base}/:id/relationships/:rel`, deps);
  }
}

function route(scope: FastifyInstance, api: ApiName, resource: ResourceDefinition, kind: RouteKind, url: string, deps: JsonApiRouteDeps) {
  scope.route({
    method: [...METHODS],
    url,
    handler: async (request: FastifyRequest<{ Params: Params }>, reply) => {
      const { id, rel } = request.params;
      const relationship = rel !== undefined ? resource.relationships?.[rel] : undefined;
      if ((id !== undefined && !isResourceId(resource, id)) || (rel !== undefined && !relationship)) throw JsonApiException.notFound();
      const allow = allowedMethods(resource, kind, relationship);
      if (request.method === 'OPTIONS') return reply.status(200).header('allow', allow.join(', ')).send();
      if (!allow.includes(request.method)) throw JsonApiException.methodNotAllowed(allow);
      checkMediaTypes(request.method, request.headers, request.body !== undefined);
      const info: RequestInfo = {
        api,
        rawQuery: request.raw.url?.split('?')[1] ?? '',
        headers: request.headers,
        caller: withOwnerView(await deps.callers.resolve(api, request.headers), resource),
      };
      const response = await dispatch(deps.service, resource, kind, request.method, id, rel, request.body, info);
      // Who may do what is remembered between requests; a change to it applies from the next request on.
      if (request.method !== 'GET' && IDENTITY_TYPES.has(resource.type)) deps.callers.identitiesChanged?.();
      return send(reply, response);
    },
  });
}

function dispatch(
  service: JsonApiService,
  resource: ResourceDefinition,
  kind: RouteKind,
  method: string,
  id: string | undefined,
  rel: string | undefined,
  body: unknown,
  info: RequestInfo,
): Promise<JsonApiResponse> {
  switch (`${kind} ${method}`) {
    case 'collection GET':
      return service.list(resource, info);
    case 'collection POST':
      return service.create(resource, body, info);
    case 'collection PATCH':
      return service.batch(resource, body, info);
    case 'collection DELETE':
      return service.deleteList(resource, info);
    case 'item GET':
      return service.get(resource, id!, info);
    case 'item PATCH':
      return service.update(resource, id!, body, info);
    case 'item DELETE':
      return service.delete(resource, id!, info);
    case 'related GET':
      return service.related(resource, id!, rel!, info);
    case 'relationship GET':
      return service.relationshipIds(resource, id!, rel!, info);
    case 'relationship PATCH':
      return service.changeRelationship(resource, id!, rel!, body, 'replace', info);
    case 'relationship POST':
      return service.changeRelationship(resource, id!, rel!, body, 'add', info);
    default:
      return service.changeRelationship(resource, id!, rel!, body, 'remove', info);
  }
}

function send(reply: FastifyReply, response: JsonApiResponse) {
  reply.status(response.status).headers(response.headers ?? {});
  if (response.body === undefined) return reply.send();
  return reply.header('content-type', JSON_API_MEDIA_TYPE).send(jsonBytes(response.body));
}

/** Every error of the scope becomes its error document (see `errorToException`). */
function sendError(thrown: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger) {
  return sendErrorDocument(reply, errorToException(thrown, request, logger));
}
