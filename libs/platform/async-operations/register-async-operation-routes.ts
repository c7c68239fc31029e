import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { API_PREFIX } from '../json-api/api-name';
import { type CallerResolver, withOwnerView } from '../json-api/caller';
import { JsonApiException } from '../json-api/json-api-exception';
import type { JsonApiResponse } from '../json-api/json-api-response';
import type { JsonApiService } from '../json-api/json-api.service';
import { pagingLinks } from '../json-api/paging-links';
import type { ResourceRegistry } from '../json-api/resource-registry';
import { checkMediaTypes } from '../json-api/http/media-type';

export interface AsyncOperationRouteDeps {
  callers: CallerResolver;
  service: JsonApiService;
  registry: ResourceRegistry;
  dataSource: DataSource;
}

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;

/**
 * `GET /admin/api/asyncoperations/{id}/errors`: the records an operation refused, as `asyncoperationerrors` with ids
 * "{operation}-{chunk}-{n}" (Oro's), in the order they were met, paged like any list.
 */
export function registerAsyncOperationRoutes(
  scope: FastifyInstance,
  deps: AsyncOperationRouteDeps,
  send: (reply: FastifyReply, response: JsonApiResponse) => unknown,
): void {
  const resource = deps.registry.get('asyncoperations');
  if (!resource) return;
  scope.get<{ Params: { id: string } }>('/asyncoperations/:id/errors', async (request, reply) => {
    checkMediaTypes(request.method, request.headers, false);
    if (!/^\d{1,18}$/.test(request.params.id)) throw JsonApiException.notFound();
    const caller = withOwnerView(await deps.callers.resolve('admin', request.headers), resource);
    const rawQuery = request.raw.url?.split('?')[1] ?? '';
    const page = pageOf(new URLSearchParams(rawQuery));
    await deps.service.get(resource, request.params.id, { api: 'admin', rawQuery: '', headers: request.headers, caller }); // 404 unless visible
    const limit = page.size === -1 ? MAX_PAGE_SIZE : page.size;
    const rows: Array<{ id: string; status: number; title: string; detail: string; pointer: string | null }> = await deps.dataSource.query(
      `SELECT operation_id || '-' || chunk || '-' || n AS id, status, title, detail, pointer
       FROM platform.async_operation_error WHERE operation_id = $1 ORDER BY chunk, n LIMIT $2 OFFSET $3`,
      [request.params.id, limit + 1, (page.number - 1) * limit],
    );
    const data = rows.slice(0, limit).map(({ id, status, title, detail, pointer }) => ({
      type: 'asyncoperationerrors',
      id,
      attributes: { status, title, detail, source: pointer ? { pointer } : null },
    }));
    const links = pagingLinks(`${API_PREFIX.admin}/asyncoperations/${request.params.id}/errors`, rawQuery, page, rows.length > limit);
    return send(reply, { status: 200, body: { data, links } });
  });
}

function pageOf(params: URLSearchParams): { number: number; size: number } {
  const read = (name: string, fallback: number, min: number) => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const value = /^-?\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (Number.isNaN(value)) throw JsonApiException.badRequest('unexpected value exception', `Expected integer value. Given "${raw.slice(0, 100)}".`, { parameter: name });
    if (value < min || value === 0) throw JsonApiException.badRequest('value constraint', `The value should be greater than or equals to ${min}.`, { parameter: name });
    return value;
  };
  return { number: read('page[number]', 1, 1), size: Math.min(read('page[size]', DEFAULT_PAGE_SIZE, -1), MAX_PAGE_SIZE) };
}
