import { Injectable, Logger } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import { AsyncOperationHandlers } from './async-operation-handlers';

/** How many operations one transaction of the purge removes. */
const BATCH = 500;

export interface PurgeOutcome {
  operations: number;
  errors: number;
  files: number;
  /** Files no operation references (the registered sweeps: uploads whose operation was never committed, exports whose operation is gone). */
  orphanedFiles: number;
}

/**
 * Removes asynchronous operations that finished (success, failed, cancelled) more than the retention ago
 * (`ASYNC_OPERATION_RETENTION_DAYS`, Oro's 30 days), with their chunks, their errors and the files they kept (an
 * export's file, an upload never read): a batch of operations per transaction, each table cleared with one statement.
 * Operations still new or running are never touched, and rows another transaction holds are skipped. Files are
 * removed after their operations' rows are committed, so a crash in between leaves a file, never an operation
 * without its file. Then the files no operation references (an upload whose operation was never committed) are swept
 * by the sweeps the handlers registered, whatever the retention: they belong to no operation.
 */
@Injectable()
export class AsyncOperationPurge {
  private readonly logger = new Logger('AsyncOperations');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly handlers: AsyncOperationHandlers,
    private readonly config: AppConfigService,
  ) {}

  /** Removes the operations finished more than `days` ago (default: the configured retention; 0 keeps them all). */
  async purge(days = this.config.get('asyncOperationRetentionDays')): Promise<PurgeOutcome> {
    const outcome = days > 0 ? await this.purgeOperations(days) : { operations: 0, errors: 0, files: 0 };
    let orphanedFiles = 0;
    for (const sweep of this.handlers.sweeps) orphanedFiles += await sweep.sweep();
    if (orphanedFiles > 0) this.logger.log(`Removed ${orphanedFiles} orphaned file(s) no operation references`);
    return { ...outcome, orphanedFiles };
  }

  private async purgeOperations(days: number): Promise<Omit<PurgeOutcome, 'orphanedFiles'>> {
    const outcome = { operations: 0, errors: 0, files: 0 };
    const before = new Date(Date.now() - days * 24 * 3600 * 1000);
    for (;;) {
      const removed = await this.tx.run(async (db) => {
        const rows: Array<{ id: string; kind: string; source: unknown }> = await db.query(
          `SELECT id::text AS id, kind, source FROM platform.async_operation
           WHERE finished_at < $1 AND status IN ('success', 'failed', 'cancelled')
           ORDER BY finished_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [before, BATCH],
        );
        if (rows.length === 0) return rows;
        const ids = rows.map((r) => r.id);
        const [{ count }] = await db.query(
          `WITH removed AS (DELETE FROM platform.async_operation_error WHERE operation_id = ANY($1::bigint[]) RETURNING 1) SELECT count(*)::int AS count FROM removed`,
          [ids],
        );
        await db.query(`DELETE FROM platform.async_operation_chunk WHERE operation_id = ANY($1::bigint[])`, [ids]);
        await db.query(`DELETE FROM platform.async_operation WHERE id = ANY($1::bigint[])`, [ids]);
        outcome.errors += count;
        return rows;
      });
      outcome.operations += removed.length;
      for (const row of removed) outcome.files += (await this.handlers.get(row.kind)?.discardFiles?.(row)) ?? 0;
      if (removed.length < BATCH) break;
    }
    if (outcome.operations > 0) {
      this.logger.log(`Purged ${outcome.operations} asynchronous operation(s) finished before ${before.toISOString()}: ${outcome.errors} error(s), ${outcome.files} file(s)`);
    }
    return outcome;
  }
}
