import type { Caller } from '../json-api/caller';

/**
 * How a resource is written to and read from a CSV file (domain.md §6): its columns, its identity and, for a
 * hierarchy, how a row names its parent. Declared by the module that owns the resource; another module may add
 * columns to it (`ImportColumnExtension`, e.g. the integration's `Account Id` on customers).
 */
export interface ImportFormat {
  /** The resource type (`customers`). */
  type: string;
  /** The column of the record's id (`Id`): a filled cell names the record to replace. */
  idColumn: string;
  /** Attributes that find the record to replace when the id cell is empty (Oro's identity fields; `name`). */
  identity: string[];
  /**
   * When identity values are not compared exactly (customer users' e-mails: regardless of case unless the organization
   * says otherwise): a query for the query bus answering, for the file's values, the stored values they stand for
   * (a `Map`; a value left out stands for none). The record is then found by the stored value as usual (the caller's
   * visibility applies).
   */
  identityMatch?: (caller: Caller, attribute: string, values: string[]) => object;
  columns: ImportColumn[];
  /** A hierarchy inside the file: a row's parent is written before it, whatever their order in the file. */
  hierarchy?: ImportHierarchy;
}

export interface ImportColumn {
  /** The header; `{n}` numbers the columns of a list (`Roles {n} Role` → `Roles 1 Role`, `Roles 2 Role`…). */
  header: string;
  /** The attribute the cell writes (a list attribute with `item`: one item per numbered column, the first primary). */
  attribute?: string;
  item?: string;
  /** The relationship the cell writes: the target's id, or with `by` the target whose attribute has that value. */
  relationship?: string;
  by?: string;
  /** Read on import only (`Parent Name`); export and the template leave it out. */
  importOnly?: boolean;
  /** The message when the named record does not exist; `{value}` is the cell, `{name}` the row's name. */
  notFound?: string;
  /** A value for the template's example row. */
  example?: string;
}

export interface ImportHierarchy {
  relationship: string;
  /** The header naming the parent by id, and the one naming it by `nameAttribute`. */
  idHeader: string;
  nameHeader: string;
  nameAttribute: string;
  /** The header of the row's own name. */
  ownNameHeader: string;
}

/** Columns another module adds to a resource's format while it is loaded. */
export interface ImportColumnExtension {
  type: string;
  columns: ImportColumn[];
}

export function defineImportFormat(format: ImportFormat): ImportFormat {
  return format;
}

export function defineImportColumns(extension: ImportColumnExtension): ImportColumnExtension {
  return extension;
}

/** The headers a column stands for: itself, or `{n}` numbered from 1 to `count`. */
export function headersOf(column: ImportColumn, count: number): string[] {
  if (!column.header.includes('{n}')) return [column.header];
  return Array.from({ length: count }, (_, i) => column.header.replace('{n}', String(i + 1)));
}

/** Whether a header belongs to a column (`Roles 3 Role` to `Roles {n} Role`), and its position in the list. */
export function matchHeader(column: ImportColumn, header: string): number | null {
  if (!column.header.includes('{n}')) return column.header.toLowerCase() === header.toLowerCase() ? 0 : null;
  const [before, after] = column.header.split('{n}');
  const match = new RegExp(`^${escapeRegExp(before)}(\\d{1,3})${escapeRegExp(after)}$`, 'i').exec(header);
  return match && Number(match[1]) >= 1 ? Number(match[1]) - 1 : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What the import formats read of an enabled module's manifest: its formats and the columns it adds to others'. */
export interface ModuleImportFormats {
  importFormats: ImportFormat[];
  importColumns: ImportColumnExtension[];
}
