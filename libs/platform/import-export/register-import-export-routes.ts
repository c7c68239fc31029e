import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { stringify } from 'csv-stringify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Constraint } from '../errors/constraint';
import { API_PREFIX } from '../json-api/api-name';
import { type CallerResolver, withOwnerView } from '../json-api/caller';
import { JsonApiException } from '../json-api/json-api-exception';
import type { JsonApiResponse } from '../json-api/json-api-response';
import type { JsonApiService } from '../json-api/json-api.service';
import type { ResourceRegistry } from '../json-api/resource-registry';
import { CsvFileRefused, Utf8Check } from './csv-file';
import type { Exports } from './exports';
import type { Imports } from './imports';
import { registerExportRoutes } from './register-export-routes';
import { uploadFolder } from './upload-folder';

export interface ImportExportRouteDeps {
  imports: Imports;
  exports: Exports;
  service: JsonApiService;
  registry: ResourceRegistry;
  callers: CallerResolver;
  /** Uploads are streamed to `<dataDir>/imports/` (never held in memory) and removed once the worker has read them. */
  dataDir: string;
  importMaxBytes: number;
}

/**
 * `POST /admin/api/imports` (multipart: a `file` part, fields `type` and `validateOnly`): 202 with the import's
 * `asyncoperations` resource as soon as the file is on disk (checked to be UTF-8 as it streams in, its header read). `GET /admin/api/imports/templates/{type}`: the CSV template. `GET
 * /admin/api/exports/{type}?filter…`: the CSV export of what the list API answers for the same filters.
 */
export async function registerImportExportRoutes(
  scope: FastifyInstance,
  deps: ImportExportRouteDeps,
  send: (reply: FastifyReply, response: JsonApiResponse) => unknown,
): Promise<void> {
  const operations = deps.registry.get('asyncoperations');
  if (!operations) return;
  await scope.register(multipart, { limits: { fileSize: deps.importMaxBytes, files: 1, fields: 10, parts: 12 } });
  registerExportRoutes(scope, operations, deps, send);

  scope.post<{ Querystring: Record<string, string> }>('/imports', async (request, reply) => {
    const caller = await deps.callers.resolve('admin', request.headers);
    if (!request.isMultipart()) {
      throw JsonApiException.badRequest(Constraint.REQUEST_DATA, 'Send the file as multipart/form-data: a "file" part, with the fields "type" and (optionally) "validateOnly".');
    }
    const folder = uploadFolder(deps.dataDir);
    await mkdir(folder, { recursive: true });
    const path = join(folder, `${randomUUID()}.csv`);
    const fields: Record<string, string> = { ...request.query };
    let received = false;
    let started = false;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          await pipeline(part.file, new Utf8Check(), createWriteStream(path));
          received = true;
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      if (!received) throw JsonApiException.badRequest(Constraint.REQUEST_DATA, 'The request has no "file" part.', { parameter: 'file' });
      if (!fields.type) throw JsonApiException.badRequest(Constraint.NOT_BLANK, 'The field "type" names what the file holds (customers, customerusers, accounts, contacts).', { parameter: 'type' });
      const validateOnly = ['1', 'true', 'yes'].includes((fields.validateOnly ?? '').toLowerCase());
      const { id } = await deps.imports.start(fields.type, path, caller, validateOnly, { upload: true });
      started = true;
      const viewer = withOwnerView(caller, operations);
      const document = await deps.service.get(operations, id, { api: 'admin', rawQuery: '', headers: request.headers, caller: viewer });
      return send(reply, { status: 202, headers: { 'content-location': `${API_PREFIX.admin}/asyncoperations/${id}` }, body: document.body });
    } catch (error) {
      if (error instanceof CsvFileRefused) throw JsonApiException.badRequest(Constraint.REQUEST_DATA, error.message, { parameter: 'file' });
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw JsonApiException.of(413, 'request entity too large http exception', `The file is larger than ${deps.importMaxBytes} bytes; split it or raise IMPORT_MAX_BYTES.`);
      }
      throw error;
    } finally {
      // Once the operation is stored, the file is the worker's (it removes it when read). A process that dies before
      // either leaves the file to the nightly sweep of orphaned uploads (`OrphanedFiles`).
      if (!started) await rm(path, { force: true });
    }
  });

  scope.get<{ Params: { type: string } }>('/imports/templates/:type', async (request, reply) => {
    await deps.callers.resolve('admin', request.headers);
    const rows = deps.exports.template(request.params.type);
    return sendCsv(reply, `${request.params.type}-template.csv`, (async function* () { yield* rows; })());
  });

  scope.get<{ Params: { type: string } }>('/exports/:type', async (request, reply) => {
    const caller = await deps.callers.resolve('admin', request.headers);
    const rows = deps.exports.rows(request.params.type, request.raw.url?.split('?')[1] ?? '', caller);
    // The first row (the header) is read before answering, so a refused query (bad filter, no access) is an error document.
    const first = await rows.next();
    return sendCsv(reply, `${request.params.type}.csv`, (async function* () {
      if (!first.done) yield first.value;
      yield* rows;
    })());
  });
}

/** A CSV download: UTF-8 with a BOM (spreadsheets then read accents right), cells a spreadsheet would run escaped. */
function sendCsv(reply: FastifyReply, filename: string, rows: AsyncIterable<string[]>) {
  const csv = stringify({ bom: true, escape_formulas: true });
  void pipeline(rows, csv).catch((error: Error) => csv.destroy(error));
  return reply.status(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
}
