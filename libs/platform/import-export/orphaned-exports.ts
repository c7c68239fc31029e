import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AsyncOperationHandlers, type OrphanedFileSweep } from '../async-operations/async-operation-handlers';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import { exportFileName, exportFolder } from './export-file';
import { ORPHANED_FILE_AGE_MS, filesWrittenBefore, removeUnreferenced } from './orphaned-files';

const EXPORT_FILE = /^(\d{1,18})\.csv$/;

/**
 * Export files whose operation is gone: the purge removes an operation's row first and its file after the commit, so
 * a crash in between leaves the file. An export's file is named after its operation's id, so it is referenced while
 * an operation of that id exists. Swept by the nightly purge.
 */
@Injectable()
export class OrphanedExports implements OrphanedFileSweep, OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly config: AppConfigService,
    private readonly handlers: AsyncOperationHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.registerSweep(this);
  }

  /** Removes the orphaned export files last written before `before`; answers how many. */
  async sweep(before = new Date(Date.now() - ORPHANED_FILE_AGE_MS)): Promise<number> {
    const folder = exportFolder(this.config.get('dataDir'));
    // Only files named as exports are: nothing else is written to the folder, and nothing else is taken from it.
    const old = (await filesWrittenBefore(folder, before)).filter((name) => EXPORT_FILE.test(name));
    if (old.length === 0) return 0;
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `SELECT id::text AS id FROM platform.async_operation WHERE id = ANY($1::bigint[])`,
      [old.map((name) => EXPORT_FILE.exec(name)![1])],
    );
    return removeUnreferenced(folder, old, new Set(rows.map((row) => exportFileName(row.id))));
  }
}
