import { basename } from 'node:path';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AsyncOperationHandlers, type OrphanedFileSweep } from '../async-operations/async-operation-handlers';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import { ORPHANED_FILE_AGE_MS, filesWrittenBefore, removeUnreferenced } from './orphaned-files';
import { uploadFolder } from './upload-folder';

/**
 * Uploads no operation will ever read: the process died between storing the file and committing its operation, or
 * after the worker stored its chunks but before it removed the file. Their names are random, so an upload is
 * referenced when an operation's source names a file of the same name. Swept by the nightly purge.
 */
@Injectable()
export class OrphanedUploads implements OrphanedFileSweep, OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly config: AppConfigService,
    private readonly handlers: AsyncOperationHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.registerSweep(this);
  }

  /** Removes the orphaned uploads last written before `before`; answers how many. */
  async sweep(before = new Date(Date.now() - ORPHANED_FILE_AGE_MS)): Promise<number> {
    const folder = uploadFolder(this.config.get('dataDir'));
    const old = await filesWrittenBefore(folder, before);
    if (old.length === 0) return 0;
    const rows: Array<{ file: string }> = await this.tx.manager.query(`SELECT source->>'file' AS file FROM platform.async_operation WHERE source ? 'file'`);
    return removeUnreferenced(folder, old, new Set(rows.map((row) => basename(row.file))));
  }
}
