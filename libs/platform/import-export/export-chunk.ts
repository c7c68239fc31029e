import type { SortKeys } from '../json-api/query/list-query';

/** How many columns each numbered column (`Emails {n} Email`) gets, by position in the plan's columns (1 for the others). */
export type ColumnCounts = number[];

/** The kind of asynchronous operation a CSV export is. */
export const EXPORT_OPERATION = 'export';

/** Where the file stands when a chunk starts: written by the chunk before it, in its transaction. */
export interface ExportState {
  /** The sort keys of the last record written (null: none yet). */
  after: SortKeys | null;
  /** The file's length once that record was written (0: the file is started over). */
  bytes: number;
  /** The numbered columns' widths, counted by the first chunk. */
  counts: ColumnCounts | null;
  /** The list ended before this chunk: nothing left to write. */
  ended?: boolean;
}

/** A chunk of an export: its number, the list query, how many records it writes (null: all that are left), and its start. */
export interface ExportChunk {
  /** From 1, in the order the job runs them: the next chunk's start is written into chunk `number + 1`. */
  number: number;
  query: string;
  rows: number | null;
  state?: ExportState;
}
