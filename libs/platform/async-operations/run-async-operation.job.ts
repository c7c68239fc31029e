import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { type JobContext, JobHandler, JobProcessor } from '../jobs/job-handler.decorator';
import { AppConfigService } from '../config/app-config.service';
import { CALLER_RESOLVER, type CallerResolver } from '../json-api/caller';
import type { ApiName } from '../json-api/api-name';
import { insertErrors } from './async-operation-errors';
import { type AsyncOperationHandler, type AsyncOperationRecord, AsyncOperationHandlers, AsyncOperationRefused } from './async-operation-handlers';

export const RUN_ASYNC_OPERATION_JOB = 'platform.run-async-operation';

/**
 * Runs an asynchronous operation chunk by chunk. Each chunk's records, its errors, the chunk's "done" mark and the
 * operation's counters commit in one transaction, so a worker that dies (or a chunk that fails and is retried) resumes
 * at the first chunk not done: nothing is written twice and nothing is lost. A chunk being run is locked, so two
 * workers given the same operation never run one chunk twice. An operation started from a source (a stored file) is
 * first split into its chunks, in one transaction that also clears the source: a worker that dies while splitting
 * leaves nothing behind, and the next attempt splits again.
 */
@Injectable()
@JobHandler<{ operationId: string }>({ name: RUN_ASYNC_OPERATION_JOB, idempotencyKey: (d) => d.operationId })
export class RunAsyncOperationJob implements JobProcessor<{ operationId: string }> {
  private readonly logger = new Logger('AsyncOperations');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly handlers: AsyncOperationHandlers,
    @Inject(CALLER_RESOLVER) private readonly callers: CallerResolver,
    private readonly config: AppConfigService,
  ) {}

  async run(data: { operationId: string }, context: JobContext): Promise<void> {
    try {
      await this.runChunks(data, context);
    } catch (error) {
      // The last attempt: the operation ends `failed` (the chunks done so far stay written), the job is dead-lettered.
      if (context.attempt >= this.config.get('jobAttempts')) await this.finish(data.operationId, 'failed', `status IN ('new', 'running')`);
      throw error;
    }
  }

  private async runChunks({ operationId }: { operationId: string }, context: JobContext): Promise<void> {
    const db = this.tx.manager;
    const [row] = await db.query(
      `SELECT id::text AS id, kind, api, organization_id::text AS "organizationId", owner_id::text AS "ownerId", entity_type AS "entityType", status
       FROM platform.async_operation WHERE id = $1`,
      [operationId],
    );
    if (!row || ['success', 'failed', 'cancelled'].includes(row.status)) return;
    const operation = row as AsyncOperationRecord;
    const handler = this.handlers.get(operation.kind);
    const caller = await this.callers.forUser(operation.api as ApiName, operation.organizationId, operation.ownerId);
    if (!handler || !caller) {
      // The kind's module is not loaded here, or the user who started it may no longer act: nothing can be done.
      this.logger.warn(`Asynchronous operation ${operationId} failed: ${!handler ? `no handler of kind '${operation.kind}'` : 'its user may no longer act'}`);
      await this.finish(operationId, 'failed', 'true');
      return;
    }
    await db.query(`UPDATE platform.async_operation SET status = 'running', updated_at = now() WHERE id = $1 AND status = 'new'`, [operationId]);
    if (!(await this.split(operation, handler))) return;
    const pending: Array<{ chunk: number }> = await db.query(
      `SELECT chunk FROM platform.async_operation_chunk WHERE operation_id = $1 AND done_at IS NULL ORDER BY chunk`,
      [operationId],
    );
    const [{ total }] = await db.query(`SELECT chunk_count AS total FROM platform.async_operation WHERE id = $1`, [operationId]);
    let done = total - pending.length;
    for (const { chunk } of pending) {
      await this.tx.run(async (tx) => {
        const started = process.hrtime.bigint();
        const [claimed] = await tx.query(
          `SELECT data FROM platform.async_operation_chunk WHERE operation_id = $1 AND chunk = $2 AND done_at IS NULL FOR UPDATE`,
          [operationId, chunk],
        );
        if (!claimed) return;
        const outcome = await handler.runChunk(operation, claimed.data, caller);
        await insertErrors(tx, operationId, chunk, outcome.errors);
        await tx.query(`UPDATE platform.async_operation_chunk SET done_at = now() WHERE operation_id = $1 AND chunk = $2`, [operationId, chunk]);
        await tx.query(
          `UPDATE platform.async_operation SET chunks_done = chunks_done + 1, read_count = read_count + $2,
             write_count = write_count + $3 + $4, create_count = create_count + $3, update_count = update_count + $4,
             error_count = error_count + $5, aggregate_time_ms = aggregate_time_ms + $6, updated_at = now()
           WHERE id = $1`,
          [operationId, outcome.read, outcome.created, outcome.updated, outcome.errors.length, Number((process.hrtime.bigint() - started) / 1_000_000n)],
        );
      });
      done += 1;
      context.progress?.(done, total);
    }
    await this.finish(operationId, 'success', `status = 'running' AND chunks_done = chunk_count`);
  }

  /**
   * Ends the operation (if `condition` holds) and drops its chunks' payloads in the same statement: nothing runs a
   * chunk of a finished operation again, and an import's chunks are a copy of its whole file. The chunk rows stay (with
   * their "done" marks) until the operation is purged.
   */
  private async finish(operationId: string, status: 'success' | 'failed', condition: string): Promise<void> {
    await this.tx.manager.query(
      `WITH finished AS (
         UPDATE platform.async_operation SET status = $2, finished_at = now(), updated_at = now() WHERE id = $1 AND ${condition} RETURNING id
       ) UPDATE platform.async_operation_chunk c SET data = '{}'::json FROM finished WHERE c.operation_id = finished.id`,
      [operationId, status],
    );
  }

  /**
   * Splits the operation's source into its chunks, if it has one not split yet (locked, so two workers never split it
   * twice); then the handler may drop the source. False when the source is refused: the operation has failed.
   */
  private async split(operation: AsyncOperationRecord, handler: AsyncOperationHandler): Promise<boolean> {
    let source: unknown = null;
    try {
      await this.tx.run(async (tx) => {
        const [row] = await tx.query(`SELECT source FROM platform.async_operation WHERE id = $1 AND source IS NOT NULL FOR UPDATE`, [operation.id]);
        if (!row) return;
        source = row.source;
        if (!handler.split) throw new Error(`The handler of kind '${operation.kind}' cannot split a source`);
        let count = 0;
        const { errors, refusedCount } = await handler.split(operation, source, async (chunk) => {
          count += 1;
          await tx.query(`INSERT INTO platform.async_operation_chunk (operation_id, chunk, data) VALUES ($1, $2, $3::json)`, [operation.id, count, JSON.stringify(chunk)]);
        });
        await insertErrors(tx, operation.id, 0, errors);
        await tx.query(
          `UPDATE platform.async_operation SET source = NULL, chunk_count = $2, read_count = read_count + $3, error_count = error_count + $4, updated_at = now() WHERE id = $1`,
          [operation.id, count, refusedCount, errors.length],
        );
      });
    } catch (error) {
      if (!(error instanceof AsyncOperationRefused)) throw error;
      await this.tx.run(async (tx) => {
        await insertErrors(tx, operation.id, 0, error.errors);
        await tx.query(
          `UPDATE platform.async_operation SET source = NULL, status = 'failed', error_count = error_count + $2, finished_at = now(), updated_at = now() WHERE id = $1`,
          [operation.id, error.errors.length],
        );
      });
      await handler.discardSource?.(source);
      return false;
    }
    if (source !== null) await handler.discardSource?.(source);
    return true;
  }
}
