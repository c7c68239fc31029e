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

/** Stores one chunk of an operation being started (they are numbered in the order they come). */
export type AddChunk = (chunk: unknown) => Promise<void>;

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
         SELECT $1, ordinality, value FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY`,
        [id, JSON.stringify(chunks)],
      );
      await insertErrors(db, id, 0, errors);
      await this.outbox.schedule(RunAsyncOperationJob, { operationId: id });
      return id;
    });
  }

  /**
   * Like `start`, for work read from a stream (a CSV file): `produce` hands over the chunks one by one as it reads
   * them (each stored at once, so they are never all in memory), then answers the records it refused. Everything
   * commits together: a file refused half-way stores nothing.
   */
  async startStreamed(
    { kind, entityType, caller }: Pick<StartOperation, 'kind' | 'entityType' | 'caller'>,
    produce: (addChunk: AddChunk) => Promise<{ errors: JsonApiErrorObject[]; refusedCount: number }>,
  ): Promise<string> {
    if (!this.handlers.get(kind)) throw new Error(`No asynchronous operation handler of kind '${kind}'`);
    return this.tx.run(async (db) => {
      const [{ id }] = await db.query(
        `INSERT INTO platform.async_operation (organization_id, owner_id, kind, api, entity_type, chunk_count)
         VALUES ($1, $2, $3, $4, $5, 0) RETURNING id::text AS id`,
        [caller.organizationId, caller.userId, kind, caller.api, entityType],
      );
      let count = 0;
      const { errors, refusedCount } = await produce(async (chunk) => {
        count += 1;
        await db.query(`INSERT INTO platform.async_operation_chunk (operation_id, chunk, data) VALUES ($1, $2, $3::jsonb)`, [id, count, JSON.stringify(chunk)]);
      });
      await db.query(`UPDATE platform.async_operation SET chunk_count = $2, read_count = $3, error_count = $4 WHERE id = $1`, [id, count, refusedCount, errors.length]);
      await insertErrors(db, id, 0, errors);
      await this.outbox.schedule(RunAsyncOperationJob, { operationId: id });
      return id;
    });
  }
}
