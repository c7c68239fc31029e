/**
 * The grid's filter chips and how they become Oro filter parameters (api.md A.2): `filter[field][op]=value`, lists
 * `a,b` (OR) and inclusive ranges `a..b`.
 */

/** The server's filter operators (api.md A.2), as its OpenAPI document names them. */
const KNOWN = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'exists',
  'neq_or_null',
  'contains',
  'not_contains',
  'starts_with',
  'not_starts_with',
  'ends_with',
  'not_ends_with',
  'empty',
] as const;

export type FilterOperator = (typeof KNOWN)[number];

/** What a chip offers on top of the server's operators: a range, sent as `eq` with `a..b`. */
export type ChipOperator = FilterOperator | 'between';

export interface FilterClause {
  field: string;
  op: ChipOperator;
  /** One value; a list (any of them) for enums and relationships; `[from, to]` for `between`. */
  value: string | string[];
  /** How the chosen related records read (kept for the chip; the server gets ids). */
  labels?: string[];
}

/** The operators named in a documented filter parameter ("Operators: eq (`=`), neq (`!=`) …"). */
export function operatorsFromDescription(description: string | undefined): FilterOperator[] {
  const listed = /Operators:\s*([^.]*)/.exec(description ?? '')?.[1] ?? '';
  const words = new Set(listed.split(/[\s,()`]+/));
  return KNOWN.filter((operator) => words.has(operator));
}

/** Whether a filter value of this kind may be a range `a..b` or a list `a,b`. */
export function acceptsRanges(kind: string): boolean {
  return ['integer', 'decimal', 'datetime', 'date', 'id'].includes(kind);
}

/** The operators a chip offers for a field, in the order a user expects them, from what the server documents. */
export function chipOperators(kind: string, documented: readonly FilterOperator[]): ChipOperator[] {
  const preferred: ChipOperator[] =
    kind === 'string' || kind === 'text'
      ? ['contains', 'eq', 'neq', 'starts_with', 'ends_with', 'not_contains', 'exists']
      : acceptsRanges(kind)
        ? ['between', 'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists']
        : ['eq', 'neq', 'exists'];
  return preferred.filter((op) => (op === 'between' ? documented.includes('eq') && acceptsRanges(kind) : documented.includes(op)));
}

/** Whether a clause has what it needs to be sent (an empty chip being edited is not a filter yet). */
export function isComplete(clause: FilterClause): boolean {
  if (clause.op === 'exists' || clause.op === 'empty') return clause.value === 'true' || clause.value === 'false';
  if (clause.op === 'between') return Array.isArray(clause.value) && clause.value.some((v) => v.trim() !== '');
  return Array.isArray(clause.value) ? clause.value.length > 0 : clause.value.trim() !== '';
}

/** The query parameters of one clause: a range with one open end becomes gte or lte. */
export function clauseToParameters(clause: FilterClause): Array<[string, string]> {
  if (!isComplete(clause)) return [];
  const name = `filter[${clause.field}]`;
  if (clause.op === 'between') {
    const [from = '', to = ''] = (clause.value as string[]).map((v) => v.trim());
    if (from && to) return [[name, `${from}..${to}`]];
    return from ? [[`${name}[gte]`, from]] : [[`${name}[lte]`, to]];
  }
  const value = Array.isArray(clause.value) ? clause.value.join(',') : clause.value.trim();
  return [[clause.op === 'eq' ? name : `${name}[${clause.op}]`, value]];
}

/** All clauses as query parameters (several filters are joined with AND by the server). */
export function filtersToParameters(clauses: readonly FilterClause[]): Array<[string, string]> {
  return clauses.flatMap(clauseToParameters);
}
