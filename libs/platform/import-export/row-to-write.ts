import type { JsonApiErrorObject } from '../json-api/json-api-exception';
import type { ResourceDefinition } from '../json-api/resource-definition';
import type { ImportColumn, ImportFormat } from './import-format';
import type { ImportRow } from './import-chunk';
import type { Unknown } from './known-records';
import { rowError } from './plan-import';

/** A row refused before it is written (a cell that cannot be read, a named record that does not exist). */
export class RowRefused extends Error {
  constructor(readonly errors: JsonApiErrorObject[]) {
    super(errors.map((e) => e.detail).join(' '));
  }
}

/** The lookup a row needs: the record of a type whose attribute has the value (null: none; undefined: not read yet). */
export type FindId = (type: string, attribute: string, value: string) => string | null | undefined;

/** A row as a JSON:API resource object to write, and the id of the record it replaces (if any). */
export interface RowWrite {
  object: { type: string; id?: string; attributes: Record<string, unknown>; relationships: Record<string, { data: unknown }> };
  existingId?: string;
  /** The id came from the row's id cell (not from its identity). */
  givenId?: boolean;
}

const FORMULA_STARTS = new Set([..."'=+-@"].map((c) => c.charCodeAt(0)));
const TRUE = new Set(['1', 'true', 'yes', 'y']);
const FALSE = new Set(['0', 'false', 'no', 'n']);

/**
 * A cell a spreadsheet would run as a formula (`=…`, `@…`, and `+`/`-` followed by anything but a number or a phone
 * number) is refused, unless escaped with a leading apostrophe as exports write it (the apostrophe is dropped).
 */
export function cellValue(raw: string): { value: string } | { formula: true } {
  // Most cells start with none of these: no pattern is tried on them.
  if (!FORMULA_STARTS.has(raw.charCodeAt(0))) return { value: raw };
  if (/^'[=+\-@\t\r]/.test(raw)) return { value: raw.slice(1) };
  if (/^[=@]/.test(raw) || /^[+-](?![\d\s().\-/]*$)/.test(raw)) return { formula: true };
  return { value: raw };
}

/**
 * Builds the write of a row: cells become attributes (typed as the resource declares them) and relationships (by id,
 * or found by an attribute of the target); empty cells are left out, so they never overwrite. Every problem of the
 * row is reported together. Synchronous: the values the row names that are not read yet come back instead (read
 * them, then build the row again).
 */
export function rowToWrite(format: ImportFormat, resource: ResourceDefinition, row: ImportRow, findId: FindId, validateOnly: boolean): RowWrite | Unknown[] {
  const errors: JsonApiErrorObject[] = [];
  const unknown: Unknown[] = [];
  const refuse = (header: string, message: string, title?: string) => errors.push(rowError(row.n, header, message, title));
  const cells: Record<string, string> = {};
  for (const header in row.cells) {
    const raw = row.cells[header];
    if (!FORMULA_STARTS.has(raw.charCodeAt(0))) {
      cells[header] = raw;
      continue;
    }
    const cell = cellValue(raw);
    if ('formula' in cell) refuse(header, 'The value starts like a spreadsheet formula (=, +, -, @); put an apostrophe before it to import it as text.', 'formula constraint');
    else cells[header] = cell.value;
  }
  const write: RowWrite = { object: { type: format.type, attributes: {}, relationships: {} } };
  const id = cells[format.idColumn];
  if (id !== undefined) {
    if (!/^\d{1,18}$/.test(id)) refuse(format.idColumn, 'This value should contain only valid integer.', 'type constraint');
    else write.existingId = id;
  }
  const name = format.hierarchy ? cells[format.hierarchy.ownNameHeader] : undefined;
  for (const column of format.columns) {
    // Most columns are single cells, most of them empty: nothing is allocated for those.
    const single = column.header.includes('{n}') ? undefined : cells[column.header];
    if (single === undefined && !column.header.includes('{n}')) continue;
    const values = single !== undefined ? [single] : valuesOf(column, cells);
    if (values.length === 0) continue;
    if (column.attribute) {
      const value = column.item ? values.map((v, i) => ({ [column.item!]: v, primary: i === 0 })) : typed(resource, column, values[0], refuse);
      if (value !== undefined) write.object.attributes[column.attribute] = value;
      continue;
    }
    const rel = resource.relationships?.[column.relationship!];
    if (!rel) continue;
    // `Parent Id` before `Parent Name`, `Customer Id` before `Customer Name`: the first filled one counts.
    if (write.object.relationships[column.relationship!] !== undefined) continue;
    let ids: string[];
    if (column.by) {
      const found = new Map<string, string>();
      for (const value of values) {
        const id = findId(rel.type, column.by, value);
        if (id === undefined) unknown.push([rel.type, column.by, value]);
        else if (id !== null) found.set(value, id);
      }
      if (unknown.length) continue;
      const missing = values.filter((v) => !found.has(v));
      // A validate-only run wrote nothing: a parent that is a row of the file is taken as found.
      if (missing.length && validateOnly && row.parentInFile && column.relationship === format.hierarchy?.relationship) continue;
      for (const value of missing) refuse(column.header.replace('{n}', '1'), notFoundMessage(column, value, name));
      ids = values.map((v) => found.get(v)).filter((v): v is string => v !== undefined);
    } else {
      if (validateOnly && row.parentInFile && column.relationship === format.hierarchy?.relationship) continue;
      ids = values;
    }
    const linkage = ids.map((target) => ({ type: rel.type, id: target }));
    write.object.relationships[column.relationship!] = { data: rel.cardinality === 'one' ? (linkage[0] ?? null) : linkage };
  }
  if (unknown.length) return unknown;
  if (errors.length) throw new RowRefused(errors);
  return write;
}

/** The message of a named record that does not exist: the column's own (Oro's wording) or a general one. */
export function notFoundMessage(column: ImportColumn, value: string, name: string | undefined): string {
  if (column.notFound) return column.notFound.replace('{value}', value).replace('{name}', name ?? '');
  return `No record found for "${value}".`;
}

/** The non-empty cells of a column: one, or the numbered ones of a list in order. */
function valuesOf(column: ImportColumn, cells: Record<string, string>): string[] {
  if (!column.header.includes('{n}')) return cells[column.header] !== undefined ? [cells[column.header]] : [];
  const values: string[] = [];
  for (let i = 1; i <= 999; i += 1) {
    const header = column.header.replace('{n}', String(i));
    if (cells[header] !== undefined) values.push(cells[header]);
    else if (!Object.keys(cells).some((h) => h === header)) {
      // Numbered columns may skip a number (an empty cell): look a little further before stopping.
      if (![1, 2, 3].some((k) => cells[column.header.replace('{n}', String(i + k))] !== undefined)) break;
    }
  }
  return values;
}

function typed(resource: ResourceDefinition, column: ImportColumn, value: string, refuse: (header: string, message: string, title?: string) => void): unknown {
  const type = resource.attributes[column.attribute!]?.type;
  if (type === 'boolean') {
    if (TRUE.has(value.toLowerCase())) return true;
    if (FALSE.has(value.toLowerCase())) return false;
    refuse(column.header, 'This value should be of type boolean.', 'type constraint');
    return undefined;
  }
  if (type === 'integer') {
    if (/^-?\d{1,15}$/.test(value)) return Number(value);
    refuse(column.header, 'This value should be of type integer.', 'type constraint');
    return undefined;
  }
  return value;
}
