import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { DeadLetterStore } from '../messaging/dead-letter-store';
import type { CallerResolver } from '../json-api/caller';
import { JsonApiException } from '../json-api/json-api-exception';
import type { JsonApiResponse } from '../json-api/json-api-response';
import type { JsonApiService } from '../json-api/json-api.service';
import type { ResourceRegistry } from '../json-api/resource-registry';
import { checkMediaTypes } from '../json-api/http/media-type';

export interface DeadLetterRouteDeps {
  callers: CallerResolver;
  service: JsonApiService;
  registry: ResourceRegistry;
  dataSource: DataSource;
}

/** `POST /admin/api/deadletters/{id}/retry`: queues a dead letter's work again and answers with the dead letter. */
export function registerDeadLetterRoutes(
  scope: FastifyInstance,
  deps: DeadLetterRouteDeps,
  send: (reply: FastifyReply, response: JsonApiResponse) => unknown,
): void {
  const resource = deps.registry.get('deadletters');
  if (!resource) return;
  scope.post<{ Params: { id: string } }>('/deadletters/:id/retry', async (request, reply) => {
    checkMediaTypes(request.method, request.headers, false);
    const caller = await deps.callers.resolve('admin', request.headers);
    const info = { api: 'admin' as const, rawQuery: '', headers: request.headers, caller };
    await deps.service.get(resource, request.params.id, info); // 404 unless the caller may see it
    if (caller.access('deadletters', 'EDIT') === 'none') throw JsonApiException.forbidden();
    if (!(await new DeadLetterStore(deps.dataSource).retry(request.params.id))) {
      throw JsonApiException.conflict('This dead letter has been retried already.');
    }
    return send(reply, await deps.service.get(resource, request.params.id, info));
  });
}
