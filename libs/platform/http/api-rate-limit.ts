import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import IORedis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import type { AccessTokens } from '../identity/access-tokens';
import { JsonApiException } from '../json-api/json-api-exception';
import { refusalTitle } from '../json-api/http/error-reply';

/** Probes and scrapes are never limited: a load balancer or Prometheus must always get through. */
const EXEMPT = /^\/(health|metrics)(\/|\?|$)/;
const BEARER = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)$/i;

/**
 * The general per-client request limit (`RATE_LIMIT_MAX` per `RATE_LIMIT_WINDOW_MS`; 0 switches it off). A client is
 * the user (or, for `client_credentials`, the OAuth client) of a valid access token, else the IP address. Counted in
 * Redis when `REDIS_URL` is set, so every API replica shares the counts; in memory otherwise. If Redis does not answer
 * the request goes through rather than failing. Must be registered before the routes it guards.
 */
export async function registerApiRateLimit(fastify: FastifyInstance, config: AppConfig, tokens: AccessTokens): Promise<void> {
  if (config.rateLimit.max === 0) return;
  const redis = config.redisUrl
    ? new IORedis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000 })
    : undefined;
  redis?.on('error', () => undefined);
  if (redis) fastify.addHook('onClose', async () => redis.disconnect());
  await fastify.register(rateLimit, {
    global: true,
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    redis,
    nameSpace: `${config.queuePrefix}:rate-limit:`,
    skipOnError: true,
    allowList: (request) => EXEMPT.test(request.url),
    keyGenerator: (request) => clientKey(request, tokens),
    errorResponseBuilder: (_request, context) =>
      new JsonApiException(
        [{ status: '429', title: refusalTitle(429), detail: `Too many requests. Please retry in ${context.after}.` }],
        { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
      ),
  });
}

async function clientKey(request: FastifyRequest, tokens: AccessTokens): Promise<string> {
  const token = BEARER.exec(String(request.headers.authorization ?? ''))?.[1];
  // A token that does not verify (or cannot be checked right now) counts against the address it came from.
  const claims = token ? await tokens.verify(token).catch(() => null) : null;
  if (!claims) return `ip:${request.ip}`;
  // Customer users and back-office users are numbered apart: the kind keeps their counts apart too.
  if (!claims.userId) return `client:${claims.clientId}`;
  return `${claims.kind === 'storefront' ? 'customeruser' : 'user'}:${claims.organizationId}:${claims.userId}`;
}
