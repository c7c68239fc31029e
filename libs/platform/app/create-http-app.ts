import { Settings } from '../settings/settings';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { PlatformMetrics } from '../metrics/platform-metrics';
import { registerConsoleRoutes } from '../http/serve-console';
import { OAuthTokenService } from '../identity/oauth-token.service';
import { registerTokenRoute } from '../identity/register-token-route';
import { CALLER_RESOLVER } from '../json-api/caller';
import { JsonApiException } from '../json-api/json-api-exception';
import { sendErrorDocument } from '../json-api/http/error-reply';
import { AccessTokens } from '../identity/access-tokens';
import { registerApiRateLimit } from '../http/api-rate-limit';
import { clientErrorHandler } from '../http/client-error-handler';
import { GracefulHttpClose } from '../http/graceful-http-close';
import { RootErrorFilter } from '../http/root-error-filter';
import { registerJsonApiRoutes } from '../json-api/http/register-json-api-routes';
import { registerOpenApiRoutes } from '../openapi/register-openapi-routes';
import { JsonApiService } from '../json-api/json-api.service';
import { RESOURCE_REGISTRY } from '../json-api/resource-registry';
import { PinoNestLogger } from '../logging/logger';
import { AppModule } from './app.module';
import { ImportFormats } from '../import-export/import-formats';
import { registerRootRoute } from './register-root-route';
import { apiRoutes } from './api-routes';
import type { PlatformOptions } from '../platform.module';

const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The Nest application on Fastify: JSON logs carrying a request id (taken from `X-Request-Id` or generated, and echoed
 * back), request latency recorded per route, the per-client rate limit, and a JSON:API error document for every
 * refusal, including the framework's own (parser errors, unknown routes, bodies it cannot read).
 */
export async function createHttpApp(options: PlatformOptions, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    requestIdHeader: REQUEST_ID_HEADER,
    genReqId: () => randomUUID(),
    bodyLimit: 10 * 1024 * 1024,
    // URLs the router refuses before any route runs still get a JSON:API error document: a path segment longer than
    // any id is a record that does not exist (404), a malformed URL a 400.
    frameworkErrors: (error: { code?: string }, _request: unknown, reply: FastifyReply) => {
      const exception =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? JsonApiException.notFound() : JsonApiException.badRequest('request data constraint', 'The URL is not valid.');
      void sendErrorDocument(reply, exception);
    },
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  const metrics = app.get(PlatformMetrics);
  const fastify = app.getHttpAdapter().getInstance();
  // Both before any route, so that their hooks apply to every route.
  const graceful = new GracefulHttpClose(fastify);
  await registerApiRateLimit(fastify, options.config, app.get(AccessTokens));
  app.useGlobalFilters(new RootErrorFilter(logger));
  fastify.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequestFinished(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  registerOpenApiRoutes(fastify, app.get(RESOURCE_REGISTRY), {
    endpoints: options.manifests.flatMap((m) => m.endpoints),
    settings: app.get(Settings).all(),
    importTypes: app.get(ImportFormats).types(),
    actions: options.manifests.flatMap((m) => m.actions),
  });
  registerTokenRoute(fastify, app.get(OAuthTokenService));
  registerRootRoute(fastify);
  registerJsonApiRoutes(fastify, {
    service: app.get(JsonApiService),
    registry: app.get(RESOURCE_REGISTRY),
    callers: app.get(CALLER_RESOLVER),
    logger,
    routes: apiRoutes(app, options),
  });
  registerConsoleRoutes(fastify);
  // Module init (registries) and the command handlers' registration run here, before anything can start the worker.
  await app.init();
  GRACEFUL_CLOSE.set(app, graceful);
  return app;
}

const GRACEFUL_CLOSE = new WeakMap<NestFastifyApplication, GracefulHttpClose>();

/** Stops the app's HTTP server gracefully (see `GracefulHttpClose`), then closes the application. */
export async function closeHttpApp(app: NestFastifyApplication): Promise<void> {
  await GRACEFUL_CLOSE.get(app)?.drain();
  await app.close();
}
