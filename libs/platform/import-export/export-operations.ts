import { Inject, Injectable } from '@nestjs/common';
import { AsyncOperations } from '../async-operations/async-operations';
import { Constraint } from '../errors/constraint';
import type { Caller } from '../json-api/caller';
import { JsonApiException } from '../json-api/json-api-exception';
import { JsonApiService } from '../json-api/json-api.service';
import { RESOURCE_REGISTRY, type ResourceRegistry } from '../json-api/resource-registry';
import { EXPORT_OPERATION, type ExportChunk } from './export.handler';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { type ExportRequest, fromListError } from './export-request';
import { Exports } from './exports';
import { ImportFormats } from './import-formats';

/**
 * Starts asynchronous CSV exports (`POST /admin/api/exports`): the query is checked as the list route checks it
 * (VIEW on the type, filters, sort) and its records counted, then an operation of kind `export` is stored with one
 * chunk per `EXPORT_CHUNK_ROWS` records (5000) (at least one; the last writes whatever is left when it runs).
 */
@Injectable()
export class ExportOperations {
  constructor(
    private readonly exports: Exports,
    private readonly formats: ImportFormats,
    private readonly operations: AsyncOperations,
    private readonly service: JsonApiService,
    @Inject(RESOURCE_REGISTRY) private readonly registry: ResourceRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start({ entityType, query }: ExportRequest, caller: Caller): Promise<string> {
    const resource = this.registry.get(entityType);
    if (!this.formats.get(entityType) || !resource) {
      throw JsonApiException.badRequest(Constraint.ENTITY_TYPE, `There is no CSV format for "${entityType.slice(0, 100)}"; these types have one: ${this.formats.types().join(', ')}.`, {
        pointer: '/data/attributes/entityType',
      });
    }
    const plan = this.exports.plan(entityType, query);
    let total: number;
    try {
      const first = await this.service.list(resource, { api: 'admin', rawQuery: `${plan.query}${plan.query ? '&' : ''}page[size]=1`, headers: { 'x-include': 'totalCount;noHateoas' }, caller });
      total = Number(first.headers?.['x-include-total-count'] ?? 0);
    } catch (error) {
      throw fromListError(error);
    }
    const count = Math.max(1, Math.ceil(total / this.config.exportChunkRows));
    const chunks: ExportChunk[] = Array.from({ length: count }, (_, i) => ({
      number: i + 1,
      query: plan.query,
      rows: i === count - 1 ? null : this.config.exportChunkRows,
      ...(i === 0 ? { state: { after: null, bytes: 0, counts: null } } : {}),
    }));
    return this.operations.start({ kind: EXPORT_OPERATION, entityType, caller, chunks });
  }
}
