import type { JsonApiErrorObject } from '../json-api/json-api-exception';
import { CsvFileRefused, readCsv } from './csv-file';
import { type ImportChunk, type ImportRow, packChunk } from './import-chunk';
import { type ImportFormat, headersOf, matchHeader } from './import-format';
import { KeyFingerprints } from './key-fingerprints';

export interface ImportPlan {
  /** Rows refused while reading (unreadable, ragged, circular parents), as the operation's early errors. */
  errors: JsonApiErrorObject[];
  refused: number;
  rows: number;
}

/**
 * Rows per chunk: one transaction each (Oro writes 100 per message). New rows of a chunk are written by a few
 * set-based statements, so a bigger chunk pays its fixed cost (claim, counters, commit) less often.
 */
export const IMPORT_CHUNK_SIZE = 5000;

/** Which of these parent names (as the rows spell them) name a stored record the importing user can see. */
export type StoredParents = (names: string[]) => Promise<Set<string>>;

/** The error of a row as Oro words it: `Error in row #n. <field>: <message>`. */
export function rowError(n: number, field: string | null, message: string, title = 'import constraint', status = '400'): JsonApiErrorObject {
  return { status, title, detail: `Error in row #${n}. ${field ? `${field}: ` : ''}${message}` };
}

/**
 * Reads a file into chunks of rows, in an order where each row's parent (named by id or by name, when it is a row of
 * the file too) comes before it, so a file may list children before their parents. Header problems (unknown or
 * repeated columns, no identity) refuse the file; rows in a parent cycle inside the file are refused.
 */
export async function planImport(
  format: ImportFormat,
  path: string,
  validateOnly: boolean,
  addChunk: (chunk: ImportChunk) => Promise<void>,
  chunkSize = IMPORT_CHUNK_SIZE,
  storedParents: StoredParents = async () => new Set(),
): Promise<ImportPlan> {
  const plan: ImportPlan = { errors: [], refused: 0, rows: 0 };
  let headers: string[] = [];
  let current: ImportRow[] = [];
  const order = new HierarchyOrder(format, (row) => current.push(row));
  // Full chunks are stored as the file is read: only the rows waiting for their parent stay in memory; once a chunk's
  // worth of them waits for parents the database was not asked about, those it has let their children go out.
  const store = async (all: boolean) => {
    if (order.unchecked >= chunkSize) await order.releaseStored(storedParents);
    while (current.length >= chunkSize || (all && current.length > 0)) {
      await addChunk(packChunk(validateOnly, headers, current.slice(0, chunkSize)));
      current = current.slice(chunkSize);
    }
  };
  for await (const batch of readCsv(path)) {
    for (const record of batch) {
      if ('header' in record && record.header) {
        headers = canonicalHeaders(format, record.header);
        continue;
      }
      plan.rows += 1;
      if ('problem' in record) {
        plan.errors.push(rowError(record.n, null, record.problem, 'request data constraint'));
        plan.refused += 1;
        continue;
      }
      const cells: Record<string, string> = {};
      record.cells.forEach((value, i) => {
        const trimmed = value.trim();
        if (trimmed !== '') cells[headers[i]] = trimmed;
      });
      order.add({ n: record.n, cells });
    }
    await store(false);
  }
  if (headers.length === 0) throw new CsvFileRefused('The file is empty: it needs a header row.');
  const cycles = order.finish();
  await store(true);
  for (const { row, cycle } of cycles) {
    plan.errors.push(rowError(row.n, format.hierarchy!.nameHeader, `Circular reference detected in the file: rows ${cycle.map((n) => `#${n}`).join(', ')} are each other's parents.`, 'circular customer reference constraint'));
    plan.refused += 1;
  }
  plan.errors.sort((a, b) => rowNumber(a) - rowNumber(b));
  return plan;
}

/** Reads only the file's header (the first block of the file): what `planImport` would refuse about it, it refuses. */
export async function checkHeader(format: ImportFormat, path: string): Promise<void> {
  for await (const [record] of readCsv(path)) {
    if ('header' in record && record.header) return void canonicalHeaders(format, record.header);
    throw new CsvFileRefused(`The header row cannot be read: ${'problem' in record ? record.problem : 'it is not the first record.'}`);
  }
  throw new CsvFileRefused('The file is empty: it needs a header row.');
}

function rowNumber(error: JsonApiErrorObject): number {
  return Number(/#(\d+)/.exec(error.detail)?.[1] ?? 0);
}

/** The file's headers in the format's spelling; unknown or repeated ones, or no way to find records, refuse the file. */
function canonicalHeaders(format: ImportFormat, given: string[]): string[] {
  const unknown: string[] = [];
  const headers = given.map((raw) => {
    const header = raw.trim();
    for (const column of format.columns) {
      const index = matchHeader(column, header);
      if (index !== null) return headersOf(column, index + 1)[index];
    }
    if (header.toLowerCase() === format.idColumn.toLowerCase()) return format.idColumn;
    unknown.push(header);
    return header;
  });
  if (unknown.length) throw new CsvFileRefused(`Unknown column(s): ${unknown.map((h) => `"${h.slice(0, 100)}"`).join(', ')}. The ${format.type} template lists the columns.`);
  const repeated = headers.filter((h, i) => headers.indexOf(h) !== i);
  if (repeated.length) throw new CsvFileRefused(`Repeated column(s): ${[...new Set(repeated)].map((h) => `"${h}"`).join(', ')}.`);
  const identityHeaders = format.columns.filter((c) => c.attribute && format.identity.includes(c.attribute)).map((c) => c.header);
  if (!headers.includes(format.idColumn) && identityHeaders.some((h) => !headers.includes(h)) && format.identity.length > 0) {
    throw new CsvFileRefused(`Missing column(s): the file needs "${format.idColumn}" or ${identityHeaders.map((h) => `"${h}"`).join(', ')} to find or add records.`);
  }
  return headers;
}

/**
 * Emits rows in file order, except that a row whose parent is named but not yet emitted waits until it is, or until
 * the database is found to have it (asked once enough rows wait: children of stored customers do not stay in memory
 * to the end of the file). At the end, rows still waiting go out when their parent is not a row of the file (the
 * chunk reports it missing); what is left is in a cycle, or below one. A `Parent Id` never waits: only stored records
 * have ids (a new row has none), so the parent it names is in the database or nowhere.
 */
class HierarchyOrder {
  // Every row's keys are remembered as fingerprints, not strings: a million rows fit in tens of megabytes.
  private readonly emitted = new KeyFingerprints();
  private readonly seen = new KeyFingerprints();
  /** Parents the database has (children go out at once) and parents it was asked about and had not. */
  private readonly stored = new KeyFingerprints();
  private readonly asked = new KeyFingerprints();
  private readonly waiting = new Map<string, ImportRow[]>();
  /** Rows waiting for a parent the database was not asked about yet. */
  unchecked = 0;

  constructor(
    private readonly format: ImportFormat,
    private readonly emit: (row: ImportRow) => void,
  ) {}

  add(row: ImportRow): void {
    const key = this.keyOf(row);
    if (key !== null) this.seen.add(key);
    const parent = this.parentOf(row);
    if (parent === null) return this.release(row, false);
    if (this.emitted.has(parent)) return this.release(row, true);
    if (this.stored.has(parent)) return this.release(row, false);
    const list = this.waiting.get(parent) ?? [];
    list.push(row);
    this.waiting.set(parent, list);
    if (!this.asked.has(parent)) this.unchecked += 1;
  }

  /** Asks the database about the parents of the rows waiting that it was not asked about, and emits their children. */
  async releaseStored(storedParents: StoredParents): Promise<void> {
    const h = this.format.hierarchy!;
    const names = new Map<string, string>();
    for (const [key, rows] of this.waiting) if (!this.asked.has(key)) names.set(rows[0].cells[h.nameHeader], key);
    this.unchecked = 0;
    if (names.size === 0) return;
    const found = await storedParents([...names.keys()]);
    for (const [name, key] of names) {
      this.asked.add(key);
      if (!found.has(name)) continue;
      this.stored.add(key);
      const rows = this.waiting.get(key)!;
      this.waiting.delete(key);
      for (const row of rows) this.release(row, false);
    }
  }

  /** Emits the rows whose parent is not in the file; answers the ones left, each with the rows of its cycle. */
  finish(): Array<{ row: ImportRow; cycle: number[] }> {
    for (const [parent, rows] of [...this.waiting]) {
      if (this.seen.has(parent) || !this.waiting.has(parent)) continue;
      this.waiting.delete(parent);
      for (const row of rows) this.release(row, false);
    }
    const left = [...this.waiting.values()].flat();
    const cycle = left.map((row) => row.n).sort((a, b) => a - b);
    return left.map((row) => ({ row, cycle }));
  }

  /** Emits the row, then the rows waiting for it (depth first, each list in file order). */
  private release(row: ImportRow, parentInFile: boolean): void {
    if (parentInFile) row.parentInFile = true;
    const stack = [row];
    while (stack.length) {
      const next = stack.pop()!;
      this.emit(next);
      const key = this.keyOf(next);
      if (key === null) continue;
      this.emitted.add(key);
      const children = this.waiting.size ? this.waiting.get(key) : undefined;
      if (!children) continue;
      this.waiting.delete(key);
      for (let i = children.length - 1; i >= 0; i--) {
        children[i].parentInFile = true;
        stack.push(children[i]);
      }
    }
  }

  /** The row's own name as rows name their parent (lower case). */
  private keyOf(row: ImportRow): string | null {
    const name = this.format.hierarchy ? row.cells[this.format.hierarchy.ownNameHeader] : undefined;
    return name ? name.toLowerCase() : null;
  }

  private parentOf(row: ImportRow): string | null {
    const h = this.format.hierarchy;
    if (!h) return null;
    if (row.cells[h.idHeader]) return null;
    if (row.cells[h.nameHeader]) return row.cells[h.nameHeader].toLowerCase();
    return null;
  }
}
