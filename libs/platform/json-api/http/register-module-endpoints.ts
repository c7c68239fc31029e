import type { FastifyInstance, FastifyReply } from 'fastify';
import type { QueryBus } from '@nestjs/cqrs';
import type { ModuleEndpoint } from '../../modules/module-manifest';
import type { CallerResolver } from '../caller';
import type { ApiName } from '../api-name';
import { JsonApiException } from '../json-api-exception';
import type { JsonApiResponse } from '../json-api-response';
import { checkMediaTypes } from './media-type';

/** The loaded modules' report endpoints of one API, with the same authentication, errors and media type as resources. */
export function registerModuleEndpoints(
  scope: FastifyInstance,
  api: ApiName,
  endpoints: ModuleEndpoint[],
  deps: { callers: CallerResolver; queries: QueryBus },
  send: (reply: FastifyReply, response: JsonApiResponse) => unknown,
): void {
  for (const endpoint of endpoints.filter((e) => e.api === api)) {
    scope.get(`/${endpoint.path.replace(/\{(\w+)\}/g, ':$1')}`, async (request, reply) => {
      checkMediaTypes(request.method, request.headers, false);
      const caller = await deps.callers.resolve(api, request.headers);
      if (caller.access(endpoint.access.resource, endpoint.access.permission) === 'none') {
        throw JsonApiException.forbidden();
      }
      // Flat names as written (`filter[closeDate][gte]`), whatever the server's query-string parser would nest.
      const parameters = { ...Object.fromEntries(new URLSearchParams(request.raw.url?.split('?')[1] ?? '')), ...(request.params as Record<string, string>) };
      return send(reply, { status: 200, body: await deps.queries.execute(endpoint.query(parameters, caller) as never) });
    });
  }
}
