import { Injectable, OnModuleInit } from '@nestjs/common';
import { type AsyncOperationHandler, type AsyncOperationRecord, AsyncOperationHandlers, type ChunkOutcome } from './async-operation-handlers';
import { TransactionRunner } from '../database/transaction-runner';
import type { Caller } from '../json-api/caller';
import { JsonApiException } from '../json-api/json-api-exception';
import { BATCH_OPERATION, JsonApiService, type SerializedItem } from '../json-api/json-api.service';

/**
 * The work of an asynchronous batch: each group of a chunk (a primary record with the included records linked to it)
 * is written behind a savepoint, so a refused group leaves nothing behind and the others of the chunk still commit.
 */
@Injectable()
export class AsyncBatchHandler implements AsyncOperationHandler, OnModuleInit {
  readonly kind = BATCH_OPERATION;

  constructor(
    private readonly service: JsonApiService,
    private readonly tx: TransactionRunner,
    private readonly handlers: AsyncOperationHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.register(this);
  }

  async runChunk(_operation: AsyncOperationRecord, groups: SerializedItem[][], caller: Caller): Promise<ChunkOutcome> {
    const outcome: ChunkOutcome = { read: 0, created: 0, updated: 0, errors: [] };
    const db = this.tx.manager;
    for (const group of groups) {
      outcome.read += group.filter((item) => item.primary).length;
      await db.query('SAVEPOINT batch_group');
      try {
        const { created, updated } = await this.service.writeBatchGroup(group, caller);
        await db.query('RELEASE SAVEPOINT batch_group');
        outcome.created += created;
        outcome.updated += updated;
      } catch (error) {
        if (!(error instanceof JsonApiException)) throw error;
        await db.query('ROLLBACK TO SAVEPOINT batch_group');
        outcome.errors.push(...error.errors);
      }
    }
    return outcome;
  }
}
