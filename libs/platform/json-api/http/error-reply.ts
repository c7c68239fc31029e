import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { JSON_API_MEDIA_TYPE } from '../api-name';
import { JsonApiException } from '../json-api-exception';
import { translateDatabaseError } from '../translate-database-error';

/** Oro's titles for the refusals the HTTP stack makes before (or instead of) a route. */
const REFUSAL_TITLES: Record<number, string> = {
  400: 'request data constraint',
  404: 'not found http exception',
  405: 'method not allowed http exception',
  406: 'not acceptable http exception',
  413: 'request entity too large http exception',
  414: 'request uri too long http exception',
  415: 'unsupported media type http exception',
  429: 'too many requests http exception',
  431: 'request header fields too large http exception',
};

/** The title of a refusal with this status: Oro's where it has one, else the status's name in the same style. */
export function refusalTitle(status: number): string {
  return REFUSAL_TITLES[status] ?? `${(STATUS_CODES[status] ?? 'bad request').toLowerCase()} http exception`;
}

/**
 * What any error thrown while answering becomes: a `JsonApiException` as it is; a database refusal that is the
 * client's doing its 4xx, an unreachable database a 503; a refusal of the framework (bad JSON, body too large, rate
 * limit…) its 4xx with a short message; anything else a 500 that shows only a correlation id (and is logged).
 */
export function errorToException(thrown: unknown, request: FastifyRequest, logger: Pick<Logger, 'error'>): JsonApiException {
  const error = translateDatabaseError(thrown);
  if (error instanceof JsonApiException) return error;
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) return JsonApiException.of(status, refusalTitle(status), clientMessage(error));
  logger.error({ err: error, reqId: request.id, url: request.url }, 'Unhandled error in a request');
  return new JsonApiException([
    { status: '500', title: 'internal server error', detail: 'An unexpected error occurred.', meta: { correlationId: String(request.id) } },
  ]);
}

/** Writes the error document (headers the exception carries, `WWW-Authenticate` on a 401). */
export function sendErrorDocument(reply: FastifyReply, exception: JsonApiException): FastifyReply {
  const headers = { ...exception.headers };
  if (exception.status === 401) headers['www-authenticate'] ??= 'Bearer';
  return reply.status(exception.status).headers(headers).header('content-type', JSON_API_MEDIA_TYPE).send(jsonBytes({ errors: exception.errors }));
}

/** Sent as bytes: Fastify would append "; charset=utf-8" to a string, and JSON:API forbids media type parameters. */
export function jsonBytes(body: object): Buffer {
  return Buffer.from(JSON.stringify(body));
}

/** The status a framework error carries: Fastify's `statusCode`, or a Nest `HttpException`'s `getStatus()`. */
function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; getStatus?: () => unknown };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.getStatus === 'function') {
    const status = e.getStatus();
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}

function clientMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Fastify's and Nest's own messages are safe (no internals); keep them short.
  return message.slice(0, 300);
}
