import type { FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { JsonApiException } from '../json-api/json-api-exception';
import { sendErrorDocument } from '../json-api/http/error-reply';
import { databaseUnavailable } from '../json-api/translate-database-error';
import type { OAuthTokenService } from './oauth-token.service';

/**
 * `POST /oauth2-token`, with a JSON or form-encoded body (both parsed by the Nest Fastify adapter); no authentication
 * of its own beyond the grant. `POST /oauth2-token/revoke`: token revocation (RFC 7009), same bodies.
 */
export function registerTokenRoute(fastify: FastifyInstance, service: OAuthTokenService): void {
  void fastify.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => {
      // The general rate limit and an unreachable database answer as on every other route (429 / 503, Retry-After).
      if (error instanceof JsonApiException) return sendErrorDocument(reply, error);
      if (isDatabaseUnavailable(error)) return sendErrorDocument(reply, databaseUnavailable());
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      return reply
        .status(status >= 400 && status < 500 ? 400 : 500)
        .header('cache-control', 'no-store')
        .send({ error: status < 500 ? 'invalid_request' : 'server_error', error_description: status < 500 ? 'The request body could not be read.' : 'An unexpected error occurred.' });
    });
    scope.post('/oauth2-token', { bodyLimit: 16 * 1024 }, async (request, reply) => {
      const result = await service.token(bodyOf(request.body), request.ip);
      return reply.status(result.status).headers(result.headers ?? {}).send(result.body);
    });
    scope.post('/oauth2-token/revoke', { bodyLimit: 16 * 1024 }, async (request, reply) => {
      const result = await service.revoke(bodyOf(request.body));
      return reply.status(result.status).headers(result.headers ?? {}).send(result.body);
    });
  });
}

function bodyOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
