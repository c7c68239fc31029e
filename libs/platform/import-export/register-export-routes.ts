import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { API_PREFIX } from '../json-api/api-name';
import { type CallerResolver, withOwnerView } from '../json-api/caller';
import { checkMediaTypes } from '../json-api/http/media-type';
import { JsonApiException } from '../json-api/json-api-exception';
import type { JsonApiResponse } from '../json-api/json-api-response';
import type { JsonApiService } from '../json-api/json-api.service';
import type { ResourceDefinition } from '../json-api/resource-definition';
import { EXPORT_OPERATION } from './export-chunk';
import { exportFilePath } from './export-file';
import type { Exports } from './exports';
import { parseExportRequest } from './export-request';

export interface ExportRouteDeps {
  exports: Exports;
  service: JsonApiService;
  callers: CallerResolver;
  /** Export files are written to `<dataDir>/exports/` by the worker and read from there by the download. */
  dataDir: string;
}

/**
 * `POST /admin/api/exports` (a JSON:API document naming the type, its filter and sort): 202 with the export's
 * `asyncoperations` resource. `GET /admin/api/asyncoperations/{id}/file`: the finished export's CSV file, for whoever
 * may see the operation (its owner, administrators; 404 for anyone else, as the operation itself).
 */
export function registerExportRoutes(
  scope: FastifyInstance,
  operations: ResourceDefinition,
  deps: ExportRouteDeps,
  send: (reply: FastifyReply, response: JsonApiResponse) => unknown,
): void {
  scope.post('/exports', async (request, reply) => {
    checkMediaTypes(request.method, request.headers, request.body !== undefined);
    const caller = await deps.callers.resolve('admin', request.headers);
    const id = await deps.exports.start(parseExportRequest(request.body), caller);
    const document = await deps.service.get(operations, id, { api: 'admin', rawQuery: '', headers: request.headers, caller: withOwnerView(caller, operations) });
    return send(reply, { status: 202, headers: { 'content-location': `${API_PREFIX.admin}/asyncoperations/${id}` }, body: document.body });
  });

  scope.get<{ Params: { id: string } }>('/asyncoperations/:id/file', async (request, reply) => {
    if (!/^\d{1,18}$/.test(request.params.id)) throw JsonApiException.notFound();
    const caller = withOwnerView(await deps.callers.resolve('admin', request.headers), operations);
    const found = await deps.service.get(operations, request.params.id, { api: 'admin', rawQuery: '', headers: request.headers, caller }); // 404 unless visible
    const { kind, status, entityType } = (found.body as { data: { attributes: { kind: string; status: string; entityType: string } } }).data.attributes;
    if (kind !== EXPORT_OPERATION) throw JsonApiException.notFound(`Asynchronous operation ${request.params.id} is not an export: it has no file.`);
    if (status === 'new' || status === 'running') throw JsonApiException.conflict(`The export is not finished yet (status "${status}"); download its file once the status is "success".`);
    if (status !== 'success') throw JsonApiException.notFound(`The export ended "${status}": it has no file.`);
    const path = exportFilePath(deps.dataDir, request.params.id);
    const size = await stat(path).then((s) => s.size, () => null);
    if (size === null) throw JsonApiException.notFound(`The file of export ${request.params.id} is not on this server.`);
    return reply
      .status(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-length', String(size))
      .header('content-disposition', `attachment; filename="${entityType}-${request.params.id}.csv"`)
      .send(createReadStream(path));
  });
}
