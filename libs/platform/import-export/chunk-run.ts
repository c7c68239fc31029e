import type { ChunkOutcome } from '../async-operations/async-operation-handlers';
import type { Caller } from '../json-api/caller';
import type { ImportFormat } from './import-format';
import type { KnownRecords } from './known-records';
import type { ImportRow } from './import-chunk';
import { RowRefused, type RowWrite } from './row-to-write';

/** How a chunk's rows are prepared and written (the import handler). */
export interface ChunkWriter {
  prepare(format: ImportFormat, row: ImportRow, known: KnownRecords, validateOnly: boolean): Promise<RowWrite>;
  writeOne(format: ImportFormat, row: ImportRow, write: RowWrite, caller: Caller, outcome: ChunkOutcome): Promise<void>;
  writeMany(format: ImportFormat, rows: Array<{ row: ImportRow; write: RowWrite }>, caller: Caller, outcome: ChunkOutcome): Promise<Array<string | null> | null>;
}

/**
 * The rows of one chunk, in order: rows that replace a record go one by one; new rows wait, in levels, to be written
 * by the type's set-based create: a row whose parent is a waiting row goes one level below it (and is read once its
 * parent is stored), so a chunk of roots and their children takes one statement per level, not one per row. A row
 * naming a waiting row by identity (the same new name twice) first has everything waiting written. Types without a
 * set-based create go one by one.
 */
export class ChunkRun {
  private levels: Array<Array<{ row: ImportRow; write?: RowWrite }>> = [];
  private readonly waiting = new Map<string, number>();
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
    if (this.identities(row).some((name) => this.waiting.has(name))) await this.flush();
    const parent = this.parentName(row);
    if (parent !== undefined && this.waiting.has(parent)) return this.wait(row, undefined, this.waiting.get(parent)! + 1);
    const write = await this.prepare(row);
    if (!write) return;
    if (write.existingId !== undefined || !this.together) return this.writeOne(row, write);
    this.wait(row, write, 0);
  }

  /** Writes what waits, level by level. */
  async flush(): Promise<void> {
    const levels = this.levels;
    this.levels = [];
    this.waiting.clear();
    for (const level of levels) {
      const batch: Array<{ row: ImportRow; write: RowWrite }> = [];
      for (const { row, write: prepared } of level) {
        const write = prepared ?? (await this.prepare(row));
        if (!write) continue;
        if (write.existingId !== undefined || !this.together) await this.writeOne(row, write);
        else batch.push({ row, write });
      }
      await this.writeMany(batch);
    }
  }

  private wait(row: ImportRow, write: RowWrite | undefined, level: number): void {
    while (this.levels.length <= level) this.levels.push([]);
    this.levels[level].push({ row, write });
    for (const name of this.identities(row)) this.waiting.set(name, level);
    const own = this.format.hierarchy ? row.cells[this.format.hierarchy.ownNameHeader]?.toLowerCase() : undefined;
    if (own) this.waiting.set(own, level);
  }

  private async prepare(row: ImportRow): Promise<RowWrite | null> {
    try {
      return await this.handler.prepare(this.format, row, this.known, this.validateOnly);
    } catch (error) {
      if (!(error instanceof RowRefused)) throw error;
      this.outcome.errors.push(...error.errors);
      return null;
    }
  }

  private async writeOne(row: ImportRow, write: RowWrite): Promise<void> {
    await this.handler.writeOne(this.format, row, write, this.caller, this.outcome);
    this.known.forget(this.format.type);
  }

  private async writeMany(batch: Array<{ row: ImportRow; write: RowWrite }>): Promise<void> {
    if (batch.length === 0) return;
    const ids = await this.handler.writeMany(this.format, batch, this.caller, this.outcome);
    if (ids === null) {
      this.together = false;
      for (const { row, write } of batch) await this.writeOne(row, write);
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

  /** The parent a row names by name (lower case), if any. */
  private parentName(row: ImportRow): string | undefined {
    const h = this.format.hierarchy;
    return h && !row.cells[h.idHeader] ? row.cells[h.nameHeader]?.toLowerCase() : undefined;
  }

  /** The row's identity cells (lower case). */
  private identities(row: ImportRow): string[] {
    return this.format.columns
      .filter((c) => c.attribute && this.format.identity.includes(c.attribute))
      .map((c) => row.cells[c.header]?.toLowerCase())
      .filter((v): v is string => !!v);
  }
}
