import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AsyncOperationHandlers, type OrphanedFileSweep } from '../async-operations/async-operation-handlers';
import { removeFile } from '../async-operations/remove-file';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import { uploadFolder } from './upload-folder';

/**
 * How old an upload no operation names must be before it is removed: far longer than any upload takes to be stored
 * and its operation committed, so a file being received or just handed to its operation is never taken.
 */
export const ORPHANED_UPLOAD_AGE_MS = 24 * 3600 * 1000;

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
  async sweep(before = new Date(Date.now() - ORPHANED_UPLOAD_AGE_MS)): Promise<number> {
    const folder = uploadFolder(this.config.get('dataDir'));
    const names = await readdir(folder).catch((error: { code?: string }) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
    const old: string[] = [];
    for (const name of names) {
      const file = await stat(join(folder, name)).catch(() => null);
      if (file?.isFile() && file.mtime < before) old.push(name);
    }
    if (old.length === 0) return 0;
    const rows: Array<{ file: string }> = await this.tx.manager.query(`SELECT source->>'file' AS file FROM platform.async_operation WHERE source ? 'file'`);
    const referenced = new Set(rows.map((row) => basename(row.file)));
    let removed = 0;
    for (const name of old) if (!referenced.has(name)) removed += await removeFile(join(folder, name));
    return removed;
  }
}
