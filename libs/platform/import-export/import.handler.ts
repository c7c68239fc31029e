import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type AsyncOperationHandler, type AsyncOperationRecord, AsyncOperationHandlers, type ChunkOutcome } from '../async-operations/async-operation-handlers';
import { TransactionRunner } from '../database/transaction-runner';
import type { Caller } from '../json-api/caller';
import { type JsonApiErrorObject, JsonApiException } from '../json-api/json-api-exception';
import { JsonApiService } from '../json-api/json-api.service';
import { RESOURCE_REGISTRY, type ResourceRegistry } from '../json-api/resource-registry';
import { Constraint, ConstraintMessage } from '../errors/constraint';
import type { ImportFormat } from './import-format';
import { ImportFormats } from './import-formats';
import { type ImportChunk, type ImportRow, rowError } from './plan-import';
import { type FindIds, RowRefused, notFoundMessage, rowToWrite } from './row-to-write';

/** The kind of asynchronous operation a CSV import is. */
export const IMPORT_OPERATION = 'import';

/**
 * The work of a CSV import: each row of a chunk is written through the resource's own write path (the module's
 * command, its rules, the caller's permissions, the extensions' commands such as the integration's account) behind a
 * savepoint, so a refused row leaves nothing behind and the others still commit. A row whose identity (id, else the
 * format's identity attributes) names an existing record replaces it; the others are added. A validate-only chunk
 * rolls everything back and keeps only its counts and errors.
 */
@Injectable()
export class ImportHandler implements AsyncOperationHandler, OnModuleInit {
  readonly kind = IMPORT_OPERATION;

  constructor(
    private readonly service: JsonApiService,
    private readonly tx: TransactionRunner,
    private readonly handlers: AsyncOperationHandlers,
    private readonly formats: ImportFormats,
    @Inject(RESOURCE_REGISTRY) private readonly registry: ResourceRegistry,
  ) {}

  onModuleInit(): void {
    this.handlers.register(this);
  }

  async runChunk(operation: AsyncOperationRecord, chunk: ImportChunk, caller: Caller): Promise<ChunkOutcome> {
    const format = this.formats.get(operation.entityType);
    const resource = this.registry.get(operation.entityType);
    if (!format || !resource) throw new Error(`No import format for '${operation.entityType}' in the loaded modules`);
    const outcome: ChunkOutcome = { read: 0, created: 0, updated: 0, errors: [] };
    const db = this.tx.manager;
    const findIds = this.finder(format, caller);
    if (chunk.validateOnly) await db.query('SAVEPOINT import_chunk');
    for (const row of chunk.rows) {
      outcome.read += 1;
      await db.query('SAVEPOINT import_row');
      try {
        const { created, updated } = await this.writeRow(format, row, findIds, caller, chunk.validateOnly);
        await db.query('RELEASE SAVEPOINT import_row');
        outcome.created += created;
        outcome.updated += updated;
      } catch (error) {
        if (!(error instanceof RowRefused) && !(error instanceof JsonApiException)) throw error;
        await db.query('ROLLBACK TO SAVEPOINT import_row');
        outcome.errors.push(...(error instanceof RowRefused ? error.errors : this.rowErrors(format, row, error)));
      }
    }
    if (chunk.validateOnly) await db.query('ROLLBACK TO SAVEPOINT import_chunk');
    return outcome;
  }

  private async writeRow(format: ImportFormat, row: ImportRow, findIds: FindIds, caller: Caller, validateOnly: boolean) {
    const resource = this.registry.get(format.type)!;
    const write = await rowToWrite(format, resource, row, findIds, validateOnly);
    let existing = write.existingId;
    if (existing === undefined && format.identity.length > 0) existing = await this.byIdentity(format, write.object.attributes, caller);
    const object = existing !== undefined ? { ...write.object, id: existing } : write.object;
    const item = { type: format.type, object, pointer: '/data', primary: true, update: existing !== undefined, clientId: existing, meta: {} };
    try {
      return await this.service.writeBatchGroup([item], caller);
    } catch (error) {
      if (error instanceof JsonApiException && error.status === 404 && write.existingId !== undefined) {
        throw new RowRefused([rowError(row.n, format.idColumn, `No ${format.type} record with ID "${write.existingId}" was found.`, 'not found http exception', '404')]);
      }
      throw error;
    }
  }

  /** The record whose identity attributes all equal the row's (the lowest id when several do; none if one is empty). */
  private async byIdentity(format: ImportFormat, attributes: Record<string, unknown>, caller: Caller): Promise<string | undefined> {
    let candidates: string[] | null = null;
    for (const attribute of format.identity) {
      const value = attributes[attribute];
      if (typeof value !== 'string') return undefined;
      const ids = await this.service.idsByAttribute(format.type, attribute, [value], caller);
      const id = ids.get(value);
      if (id === undefined) return undefined;
      candidates = candidates === null ? [id] : candidates.filter((c) => c === id);
    }
    return candidates?.[0];
  }

  /** Lookups of other types are remembered for the chunk; the imported type's own are not (earlier rows add records). */
  private finder(format: ImportFormat, caller: Caller): FindIds {
    const cache = new Map<string, string | null>();
    return async (type, attribute, values) => {
      const own = type === format.type;
      const key = (v: string) => `${type}\u0000${attribute}\u0000${v}`;
      const unknown = own ? values : values.filter((v) => !cache.has(key(v)));
      const found = await this.service.idsByAttribute(type, attribute, [...new Set(unknown)], caller);
      if (!own) for (const v of unknown) cache.set(key(v), found.get(v) ?? null);
      const answer = new Map<string, string>();
      for (const v of values) {
        const id = own ? found.get(v) : cache.get(key(v));
        if (id) answer.set(v, id);
      }
      return answer;
    };
  }

  /** A refusal of the write path as the row's errors, each naming the column its pointer is about. */
  private rowErrors(format: ImportFormat, row: ImportRow, error: JsonApiException): JsonApiErrorObject[] {
    const name = format.hierarchy ? row.cells[format.hierarchy.ownNameHeader] : undefined;
    return error.errors.map((e) => {
      const pointer = e.source?.pointer ?? '';
      const [, kind, field] = /^\/data\/(attributes|relationships)\/([^/]+)/.exec(pointer) ?? [];
      const columns = format.columns.filter((c) => (kind === 'attributes' ? c.attribute === field : c.relationship === field));
      const column = columns.find((c) => Object.keys(row.cells).some((h) => h === c.header || h === c.header.replace('{n}', '1'))) ?? columns[0];
      const header = column ? column.header.replace('{n}', '1') : kind ? field : null;
      if (column?.notFound && e.title === Constraint.FORM && e.detail === ConstraintMessage.ENTITY_NOT_FOUND) {
        return rowError(row.n, header, notFoundMessage(column, row.cells[column.header] ?? '', name), e.title, e.status);
      }
      return rowError(row.n, header, e.detail, e.title, e.status);
    });
  }
}
