import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AsyncOperationHandler, type AsyncOperationRecord, AsyncOperationHandlers, type ChunkOutcome } from '../async-operations/async-operation-handlers';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import { removeFile } from '../async-operations/remove-file';
import type { Caller } from '../json-api/caller';
import { CSV_BOM, ExportFile, csvText, exportFilePath } from './export-file';
import { EXPORT_OPERATION, type ExportChunk, type ExportState } from './export-chunk';
import { Exports } from './exports';

/**
 * The work of a CSV export: each chunk appends its records to `DATA_DIR/exports/<operation>.csv`, read as the user
 * who started it (keyset pages of the list engine, so the same filters, sort and visibility as the list route), and
 * commits, with its "done" mark, where the file now ends and the last record's sort keys, into the next chunk. A
 * chunk run again (a worker died, an attempt failed) cuts the file back to that length first: the file resumes after
 * the last committed chunk, never with a row twice. The first chunk counts the numbered columns and writes the header;
 * the last one writes every record left (records added while the export runs included).
 */
@Injectable()
export class ExportHandler implements AsyncOperationHandler, OnModuleInit {
  readonly kind = EXPORT_OPERATION;

  constructor(
    private readonly exports: Exports,
    private readonly tx: TransactionRunner,
    private readonly handlers: AsyncOperationHandlers,
    private readonly config: AppConfigService,
  ) {}

  onModuleInit(): void {
    this.handlers.register(this);
  }

  async runChunk(operation: AsyncOperationRecord, chunk: ExportChunk, caller: Caller): Promise<ChunkOutcome> {
    const { number, state } = chunk;
    if (!state) throw new Error(`Export ${operation.id}: chunk ${number} has no start (the chunk before it is not done)`);
    if (state.ended) return this.handOver(operation.id, number, state, 0);
    const plan = this.exports.plan(operation.entityType, chunk.query);
    const counts = state.counts ?? (await this.exports.columnCounts(plan, caller));
    const file = await ExportFile.openAt(exportFilePath(this.config.get('dataDir'), operation.id), state.bytes);
    let after = state.after;
    let written = 0;
    let ended = false;
    try {
      if (state.bytes === 0) await file.append(CSV_BOM + csvText([this.exports.header(plan, counts)]));
      while (chunk.rows === null || written < chunk.rows) {
        const size = chunk.rows === null ? this.exports.pageSize : Math.min(this.exports.pageSize, chunk.rows - written);
        const page = await this.exports.page(plan, counts, after, caller, size);
        await file.append(csvText(page.rows));
        written += page.rows.length;
        if (!page.last) {
          ended = true;
          break;
        }
        after = page.last;
      }
    } finally {
      await file.close();
    }
    return this.handOver(operation.id, number, { after, bytes: file.length, counts, ended }, written);
  }

  /** A purged export's file. */
  async discardFiles({ id }: { id: string }): Promise<number> {
    return removeFile(exportFilePath(this.config.get('dataDir'), id));
  }

  /** Gives the next chunk its start (in this chunk's transaction) and answers this one's count. */
  private async handOver(operationId: string, number: number, next: ExportState, written: number): Promise<ChunkOutcome> {
    await this.tx.manager.query(
      `UPDATE platform.async_operation_chunk SET data = jsonb_set(data::jsonb, '{state}', $3::jsonb)::json WHERE operation_id = $1 AND chunk = $2`,
      [operationId, number + 1, JSON.stringify(next)],
    );
    return { read: written, created: 0, updated: 0, errors: [] };
  }
}
