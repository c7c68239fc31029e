import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AsyncOperationHandlers, type OrphanedFileSweep } from '../async-operations/async-operation-handlers';
import { removeFile } from '../async-operations/remove-file';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import { exportFileName, exportFolder } from './export-file';
import { uploadFolder } from './upload-folder';

/**
 * How old a file no operation names must be before it is removed: far longer than any upload takes to be stored and
 * its operation committed, or an export's first chunk to be written, so a file on its way is never taken.
 */
export const ORPHANED_FILE_AGE_MS = 24 * 3600 * 1000;

/** The names export files have: `<operation id>.csv`. */
const EXPORT_FILE = /^(\d{1,18})\.csv$/;

/**
 * Files of imports and exports no operation will ever read, swept by the nightly purge once a day old:
 * - uploads: the process died between storing the file and committing its operation, or after the worker stored its
 *   chunks but before it removed the file. Their names are random, so an upload is referenced when an operation's
 *   source names a file of the same name;
 * - export files whose operation is gone: the purge removes an operation's row first and its file after the commit,
 *   so a crash in between leaves the file. An export's file is named after its operation's id; files of the exports
 *   folder named otherwise are never touched.
 */
@Injectable()
export class OrphanedFiles implements OrphanedFileSweep, OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly config: AppConfigService,
    private readonly handlers: AsyncOperationHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.registerSweep(this);
  }

  /** Removes the orphaned files last written before `before`; answers how many. */
  async sweep(before = new Date(Date.now() - ORPHANED_FILE_AGE_MS)): Promise<number> {
    return (await this.sweepUploads(before)) + (await this.sweepExports(before));
  }

  private async sweepUploads(before: Date): Promise<number> {
    const folder = uploadFolder(this.config.get('dataDir'));
    const old = await filesWrittenBefore(folder, before);
    if (old.length === 0) return 0;
    const rows: Array<{ file: string }> = await this.tx.manager.query(`SELECT source->>'file' AS file FROM platform.async_operation WHERE source ? 'file'`);
    return removeUnreferenced(folder, old, new Set(rows.map((row) => basename(row.file))));
  }

  private async sweepExports(before: Date): Promise<number> {
    const folder = exportFolder(this.config.get('dataDir'));
    const old = (await filesWrittenBefore(folder, before)).filter((name) => EXPORT_FILE.test(name));
    if (old.length === 0) return 0;
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `SELECT id::text AS id FROM platform.async_operation WHERE id = ANY($1::bigint[])`,
      [old.map((name) => EXPORT_FILE.exec(name)![1])],
    );
    return removeUnreferenced(folder, old, new Set(rows.map((row) => exportFileName(row.id))));
  }
}

/** Names of the files in `folder` last written before `before` (none when the folder does not exist yet). */
async function filesWrittenBefore(folder: string, before: Date): Promise<string[]> {
  const names = await readdir(folder).catch((error: { code?: string }) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  const old: string[] = [];
  for (const name of names) {
    const file = await stat(join(folder, name)).catch(() => null);
    if (file?.isFile() && file.mtime < before) old.push(name);
  }
  return old;
}

/** Removes the named files of `folder` that `referenced` does not hold; answers how many it removed. */
async function removeUnreferenced(folder: string, names: string[], referenced: Set<string>): Promise<number> {
  let removed = 0;
  for (const name of names) if (!referenced.has(name)) removed += await removeFile(join(folder, name));
  return removed;
}
