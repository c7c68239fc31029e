import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox } from '../messaging/outbox';
import type { Caller } from '../json-api/caller';
import type { JsonApiErrorObject } from '../json-api/json-api-exception';
import { insertErrors } from './async-operation-errors';
import { type AsyncOperationHandler, AsyncOperationHandlers } from './async-operation-handlers';
import { RunAsyncOperationJob } from './run-async-operation.job';

export interface StartOperation {
  kind: string;
  entityType: string;
  caller: Caller;
  /** The work, split into chunks: each is handed to the handler in one transaction. */
  chunks: unknown[];
  /** Records refused before any work (counted as read and in error). */
  errors?: JsonApiErrorObject[];
  /** How many records `errors` are about. */
  refusedCount?: number;
}

/**
 * Asynchronous operations: `start` stores one with its chunks and requests its job in the caller's transaction; the
 * job (`RunAsyncOperationJob`) hands each chunk to the handler of its kind.
 */
@Injectable()
export class AsyncOperations {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly handlers: AsyncOperationHandlers,
  ) {}

  /** Makes a kind of operation known (a module registers its handler when it starts). */
  register(handler: AsyncOperationHandler): void {
    this.handlers.register(handler);
  }

  /** Stores the operation, its chunks and its early errors, and requests its run; returns its id. */
  async start({ kind, entityType, caller, chunks, errors = [], refusedCount = 0 }: StartOperation): Promise<string> {
    if (!this.handlers.get(kind)) throw new Error(`No asynchronous operation handler of kind '${kind}'`);
    return this.tx.run(async (db) => {
      const [{ id }] = await db.query(
        `INSERT INTO platform.async_operation (organization_id, owner_id, kind, api, entity_type, chunk_count, read_count, error_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
        [caller.organizationId, caller.userId, kind, caller.api, entityType, chunks.length, refusedCount, errors.length],
      );
      await db.query(
        `INSERT INTO platform.async_operation_chunk (operation_id, chunk, data)
         SELECT $1, ordinality, value FROM json_array_elements($2::json) WITH ORDINALITY`,
        [id, JSON.stringify(chunks)],
      );
      await insertErrors(db, id, 0, errors);
      await this.outbox.schedule(RunAsyncOperationJob, { operationId: id });
      return id;
    });
  }

  /**
   * Like `start`, for work still to be split (a stored CSV file): the operation is stored with its source and no
   * chunk, and its job splits the source in the worker (`AsyncOperationHandler.split`) before running the chunks, so
   * the caller is answered at once. `validateOnly`: the work only checks its records (shown on the operation).
   */
  async startFromSource({
    kind,
    entityType,
    caller,
    source,
    validateOnly = false,
  }: Pick<StartOperation, 'kind' | 'entityType' | 'caller'> & { source: object; validateOnly?: boolean }): Promise<string> {
    const handler = this.handlers.get(kind);
    if (!handler?.split) throw new Error(`No asynchronous operation handler of kind '${kind}' that splits a source`);
    return this.tx.run(async (db) => {
      const [{ id }] = await db.query(
        `INSERT INTO platform.async_operation (organization_id, owner_id, kind, api, entity_type, chunk_count, source, validate_only)
         VALUES ($1, $2, $3, $4, $5, 0, $6::jsonb, $7) RETURNING id::text AS id`,
        [caller.organizationId, caller.userId, kind, caller.api, entityType, JSON.stringify(source), validateOnly],
      );
      await this.outbox.schedule(RunAsyncOperationJob, { operationId: id });
      return id;
    });
  }
}
