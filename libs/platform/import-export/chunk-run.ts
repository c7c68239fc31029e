import type { ChunkOutcome } from '../async-operations/async-operation-handlers';
import type { Caller } from '../json-api/caller';
import type { ImportFormat } from './import-format';
import type { KnownRecords } from './known-records';
import type { ImportRow } from './plan-import';
import { RowRefused, type RowWrite } from './row-to-write';

/** How a chunk's rows are prepared and written (the import handler). */
export interface ChunkWriter {
  prepare(format: ImportFormat, row: ImportRow, known: KnownRecords, validateOnly: boolean): Promise<RowWrite>;
  writeOne(format: ImportFormat, row: ImportRow, write: RowWrite, caller: Caller, outcome: ChunkOutcome): Promise<void>;
  writeMany(format: ImportFormat, rows: Array<{ row: ImportRow; write: RowWrite }>, caller: Caller, outcome: ChunkOutcome): Promise<Array<string | null> | null>;
}

/**
 * The rows of one chunk, in order: rows that replace a record go one by one; new rows wait in a batch written by the
 * type's set-based create, which is written first whenever a row names one of them (as its parent, or by identity),
 * so that row finds it stored. Types without a set-based create go one by one.
 */
export class ChunkRun {
  private pending: Array<{ row: ImportRow; write: RowWrite }> = [];
  private readonly pendingNames = new Set<string>();
  private together = true;

  constructor(
    private readonly handler: ChunkWriter,
    private readonly format: ImportFormat,
    private readonly caller: Caller,
    private readonly validateOnly: boolean,
    private readonly known: KnownRecords,
    private readonly outcome: ChunkOutcome,
  ) {}

  async add(row: ImportRow): Promise<void> {
    if (this.references(row).some((name) => this.pendingNames.has(name))) await this.flush();
    let write: RowWrite;
    try {
      write = await this.handler.prepare(this.format, row, this.known, this.validateOnly);
    } catch (error) {
      if (!(error instanceof RowRefused)) throw error;
      this.outcome.errors.push(...error.errors);
      return;
    }
    if (write.existingId !== undefined || !this.together) {
      await this.handler.writeOne(this.format, row, write, this.caller, this.outcome);
      this.known.forget(this.format.type);
      return;
    }
    this.pending.push({ row, write });
    for (const name of this.names(row)) this.pendingNames.add(name);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingNames.clear();
    const ids = await this.handler.writeMany(this.format, batch, this.caller, this.outcome);
    if (ids === null) {
      this.together = false;
      for (const { row, write } of batch) await this.handler.writeOne(this.format, row, write, this.caller, this.outcome);
      this.known.forget(this.format.type);
      return;
    }
    if (ids.some((id) => id === null)) this.known.forget(this.format.type);
    const attributes = [...new Set([...this.format.identity, ...(this.format.hierarchy ? [this.format.hierarchy.nameAttribute] : [])])];
    ids.forEach((id, i) => {
      if (id === null) return;
      for (const attribute of attributes) {
        const value = batch[i].write.object.attributes[attribute];
        if (typeof value === 'string') this.known.remember(this.format.type, attribute, value, id);
      }
    });
  }

  /** What a row is known by: its name and identity cells (lower case). */
  private names(row: ImportRow): string[] {
    const headers = [this.format.hierarchy?.ownNameHeader, ...this.identityHeaders()];
    return headers.map((h) => (h ? row.cells[h]?.toLowerCase() : undefined)).filter((v): v is string => !!v);
  }

  /** What a row needs stored before it: its parent by name, and the record its identity names. */
  private references(row: ImportRow): string[] {
    const headers = [this.format.hierarchy?.nameHeader, ...this.identityHeaders()];
    return headers.map((h) => (h ? row.cells[h]?.toLowerCase() : undefined)).filter((v): v is string => !!v);
  }

  private identityHeaders(): string[] {
    return this.format.columns.filter((c) => c.attribute && this.format.identity.includes(c.attribute)).map((c) => c.header);
  }
}
