import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  type AddChunk,
  type AsyncOperationHandler,
  type AsyncOperationRecord,
  AsyncOperationHandlers,
  AsyncOperationRefused,
  type ChunkOutcome,
  type SplitOutcome,
} from '../async-operations/async-operation-handlers';
import { removeFile } from '../async-operations/remove-file';
import { TransactionRunner } from '../database/transaction-runner';
import { CALLER_RESOLVER, type Caller, type CallerResolver } from '../json-api/caller';
import { type JsonApiErrorObject, JsonApiException } from '../json-api/json-api-exception';
import { JsonApiService } from '../json-api/json-api.service';
import { RESOURCE_REGISTRY, type ResourceRegistry } from '../json-api/resource-registry';
import { Constraint, ConstraintMessage } from '../errors/constraint';
import type { ImportFormat } from './import-format';
import { ImportFormats } from './import-formats';
import { IMPORT_CHUNK_SIZE, planImport, rowError } from './plan-import';
import { type ImportChunk, type ImportRow, unpackRows } from './import-chunk';
import { CsvFileRefused } from './csv-file';
import { KnownRecords, type Unknown } from './known-records';
import { ChunkRun } from './chunk-run';
import { type RowWrite, notFoundMessage, rowToWrite } from './row-to-write';

/** The kind of asynchronous operation a CSV import is. */
export const IMPORT_OPERATION = 'import';

/** A refused list this short is written one by one rather than split again. */
const SPLIT_BELOW = 16;

/** Where an import's rows are until the worker has split them into chunks. */
export interface ImportSource {
  file: string;
  validateOnly: boolean;
  /** The file is the stored copy of an upload: removed once its chunks are stored. */
  upload: boolean;
}

/**
 * The work of a CSV import: the rows of a chunk go through the resource's own write paths (the module's commands and
 * rules, the caller's permissions, the extensions' commands such as the integration's account): new rows together
 * through the type's set-based create when it has one (`ChunkRun`), the others one by one; a refused row leaves
 * nothing behind (savepoints) and the others still commit. A row whose identity (id, else the format's identity
 * attributes) names an existing record replaces it; the others are added. A validate-only chunk rolls everything
 * back and keeps only its counts and errors. The file is read into ordered chunks in the worker (`split`).
 */
@Injectable()
export class ImportHandler implements AsyncOperationHandler, OnModuleInit {
  readonly kind = IMPORT_OPERATION;

  constructor(
    private readonly queries: QueryBus,
    private readonly service: JsonApiService,
    private readonly tx: TransactionRunner,
    private readonly handlers: AsyncOperationHandlers,
    private readonly formats: ImportFormats,
    @Inject(RESOURCE_REGISTRY) private readonly registry: ResourceRegistry,
    @Inject(CALLER_RESOLVER) private readonly callers: CallerResolver,
  ) {}

  onModuleInit(): void {
    this.handlers.register(this);
  }

  /** Reads the file into ordered chunks; a file that cannot be read at all refuses the operation (nothing stored). */
  async split(operation: AsyncOperationRecord, source: ImportSource, addChunk: AddChunk): Promise<SplitOutcome> {
    const format = this.formats.get(operation.entityType);
    if (!format) throw new Error(`No import format for '${operation.entityType}' in the loaded modules`);
    try {
      const plan = await planImport(format, source.file, source.validateOnly, addChunk, IMPORT_CHUNK_SIZE, (names) => this.storedParents(operation, format, names));
      return { errors: plan.errors, refusedCount: plan.refused };
    } catch (error) {
      if (error instanceof CsvFileRefused) throw new AsyncOperationRefused([{ status: '400', title: Constraint.REQUEST_DATA, detail: error.message }]);
      // The worker must see the API's DATA_DIR (one machine, or a shared volume).
      if ((error as { code?: string }).code === 'ENOENT') {
        throw new AsyncOperationRefused([{ status: '500', title: 'server error', detail: 'The uploaded file cannot be found by the worker (DATA_DIR must be shared with the API).' }]);
      }
      throw error;
    }
  }

  /** The parent names of waiting rows that name a record the operation's user can see (as the chunk will look them up). */
  private async storedParents(operation: AsyncOperationRecord, format: ImportFormat, names: string[]): Promise<Set<string>> {
    const caller = await this.callers.forUser(operation.api, operation.organizationId, operation.ownerId);
    if (!caller || !format.hierarchy) return new Set();
    return new Set((await this.service.idsByAttribute(format.type, format.hierarchy.nameAttribute, names, caller)).keys());
  }

  async discardSource(source: ImportSource): Promise<void> {
    if (source.upload) await removeFile(source.file);
  }

  /** A purged import still holding its upload (it failed before the file was read). */
  async discardFiles({ source }: { id: string; source: ImportSource | null }): Promise<number> {
    return source?.upload ? removeFile(source.file) : 0;
  }

  async runChunk(operation: AsyncOperationRecord, chunk: ImportChunk, caller: Caller): Promise<ChunkOutcome> {
    const format = this.formats.get(operation.entityType);
    const resource = this.registry.get(operation.entityType);
    if (!format || !resource) throw new Error(`No import format for '${operation.entityType}' in the loaded modules`);
    const outcome: ChunkOutcome = { read: 0, created: 0, updated: 0, errors: [] };
    const db = this.tx.manager;
    const known = new KnownRecords(this.service, caller);
    const rows = unpackRows(chunk);
    await known.prefetch(format, resource, rows);
    const run = new ChunkRun(this, format, caller, chunk.validateOnly, known, outcome);
    if (chunk.validateOnly) await db.query('SAVEPOINT import_chunk');
    for (const row of rows) {
      outcome.read += 1;
      const adding = run.add(row);
      if (adding) await adding;
    }
    await run.flush();
    if (chunk.validateOnly) await db.query('ROLLBACK TO SAVEPOINT import_chunk');
    return outcome;
  }

  /**
   * The write of a row: its resource object and the record it replaces (by id, else by identity), or its refusal. At
   * once when the chunk's look-ups know every value the row names (the usual case: they were read for the chunk).
   */
  prepare(format: ImportFormat, row: ImportRow, known: KnownRecords, validateOnly: boolean): RowWrite | Promise<RowWrite> {
    const write = this.prepareKnown(format, row, known, validateOnly);
    if (Array.isArray(write)) return known.load(write).then(() => this.prepare(format, row, known, validateOnly));
    if (write.existingId !== undefined || !format.identityMatch) return write;
    return this.byMatchedIdentity(format, write.object.attributes, known).then((id) => ({ ...write, existingId: id }));
  }

  private prepareKnown(format: ImportFormat, row: ImportRow, known: KnownRecords, validateOnly: boolean): RowWrite | Unknown[] {
    const resource = this.registry.get(format.type)!;
    const lookup = (type: string, attribute: string, value: string) => known.get(type, attribute, value);
    const write = rowToWrite(format, resource, row, lookup, validateOnly);
    if (Array.isArray(write)) return write;
    if (write.existingId === undefined && format.identity.length > 0 && !format.identityMatch) {
      const identity = this.byIdentity(format, write.object.attributes, known);
      if (Array.isArray(identity)) return identity;
      write.existingId = identity;
    } else if (write.existingId !== undefined) write.givenId = true;
    return write;
  }

  /** One row through the single-record write path, behind its own savepoint. */
  async writeOne(format: ImportFormat, row: ImportRow, write: RowWrite, caller: Caller, outcome: ChunkOutcome): Promise<void> {
    const db = this.tx.manager;
    const existing = write.existingId;
    const object = existing !== undefined ? { ...write.object, id: existing } : write.object;
    const item = { type: format.type, object, pointer: '/data', primary: true, update: existing !== undefined, clientId: existing, meta: {} };
    await db.query('SAVEPOINT import_row');
    try {
      const { created, updated } = await this.service.writeBatchGroup([item], caller);
      await db.query('RELEASE SAVEPOINT import_row');
      outcome.created += created;
      outcome.updated += updated;
    } catch (error) {
      // A database that cannot answer (5xx) fails the chunk, which is run again: no row is reported for it.
      if (!(error instanceof JsonApiException) || error.status >= 500) throw error;
      await db.query('ROLLBACK TO SAVEPOINT import_row');
      if (error.status === 404 && write.givenId) {
        outcome.errors.push(rowError(row.n, format.idColumn, `No ${format.type} record with ID "${existing}" was found.`, 'not found http exception', '404'));
      } else {
        outcome.errors.push(...this.rowErrors(format, row, error));
      }
    }
  }

  /**
   * New rows together through the type's set-based create (behind one savepoint); null when the type has none. If the
   * module refuses the whole list, it is rolled back and each half is tried again the same way, down to lists of
   * fewer than `SPLIT_BELOW` rows, written one by one (each gets its own answer): a bad row among a thousand costs
   * about twenty set-based writes instead of a thousand single ones, and every row still gets the answer it would get
   * alone, in file order (the rows of a list never depend on each other: parents are written a level before).
   */
  async writeMany(format: ImportFormat, rows: Array<{ row: ImportRow; write: RowWrite }>, caller: Caller, outcome: ChunkOutcome): Promise<Array<string | null> | null> {
    const db = this.tx.manager;
    await db.query('SAVEPOINT import_rows');
    let results;
    try {
      results = await this.service.createMany(format.type, rows.map(({ write }) => write.object), caller);
    } catch (error) {
      // A database that cannot answer (5xx) fails the chunk, which is run again: no row is reported for it.
      if (!(error instanceof JsonApiException) || error.status >= 500) throw error;
      await db.query('ROLLBACK TO SAVEPOINT import_rows');
      await db.query('RELEASE SAVEPOINT import_rows');
      return this.afterRefusal(format, rows, caller, outcome);
    }
    await db.query('RELEASE SAVEPOINT import_rows');
    if (results === null) return null;
    return results.map((result, i) => {
      if ('id' in result) {
        outcome.created += 1;
        return result.id;
      }
      outcome.errors.push(...this.rowErrors(format, rows[i].row, result.error));
      return null;
    });
  }

  /** A refused list: its halves tried again together, or its rows one by one when it is short. */
  private async afterRefusal(format: ImportFormat, rows: Array<{ row: ImportRow; write: RowWrite }>, caller: Caller, outcome: ChunkOutcome): Promise<Array<string | null>> {
    if (rows.length < SPLIT_BELOW) {
      for (const { row, write } of rows) await this.writeOne(format, row, write, caller, outcome);
      return rows.map(() => null);
    }
    const middle = Math.ceil(rows.length / 2);
    const halves = [rows.slice(0, middle), rows.slice(middle)];
    const ids: Array<string | null> = [];
    for (const half of halves) ids.push(...((await this.writeMany(format, half, caller, outcome)) ?? half.map(() => null)));
    return ids;
  }

  /**
   * The record whose identity attributes all equal the row's (the lowest id when several do; none if one is empty);
   * what the look-ups have not read yet, when they are to be read first.
   */
  private byIdentity(format: ImportFormat, attributes: Record<string, unknown>, known: KnownRecords): string | undefined | Unknown[] {
    let candidates: string[] | null = null;
    for (const attribute of format.identity) {
      const value = attributes[attribute];
      if (typeof value !== 'string') return undefined;
      const id = known.get(format.type, attribute, value);
      if (id === undefined) return [[format.type, attribute, value]];
      if (id === null) return undefined;
      candidates = candidates === null ? [id] : candidates.filter((c) => c === id);
    }
    return candidates?.[0];
  }

  /**
   * A format whose identity is not compared exactly (`identityMatch`): the module names the stored values the row's
   * values stand for, then the record is found by those as `byIdentity` does.
   */
  private async byMatchedIdentity(format: ImportFormat, attributes: Record<string, unknown>, known: KnownRecords): Promise<string | undefined> {
    const caller = known.caller;
    const stored: Record<string, unknown> = {};
    for (const attribute of format.identity) {
      const given = attributes[attribute];
      if (typeof given !== 'string') return undefined;
      const value = (await this.queries.execute<object, Map<string, string>>(format.identityMatch!(caller, attribute, [given]))).get(given);
      if (value === undefined) return undefined;
      stored[attribute] = value;
    }
    const found = this.byIdentity(format, stored, known);
    if (!Array.isArray(found)) return found;
    await known.load(found);
    return this.byMatchedIdentity(format, attributes, known);
  }

  /** A refusal of the write path as the row's errors, each naming the column its pointer is about. */
  rowErrors(format: ImportFormat, row: ImportRow, error: JsonApiException): JsonApiErrorObject[] {
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
