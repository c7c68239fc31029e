import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ApiName } from '../api-name';
import type { JsonApiResponse } from '../json-api-response';

/** Sends a JSON:API response (status, headers, document in the JSON:API media type). */
export type SendResponse = (reply: FastifyReply, response: JsonApiResponse) => unknown;

/**
 * Routes of one API that are not a resource's (settings, a dead letter's retry, the modules' reports…). Each group
 * registers itself in the API's scope, so it shares the resources' prefix, body parser and error documents; the app
 * hands the groups to `registerJsonApiRoutes`, which knows none of them.
 */
export interface ApiRoutes {
  api: ApiName;
  register(scope: FastifyInstance, send: SendResponse): void | Promise<void>;
}
