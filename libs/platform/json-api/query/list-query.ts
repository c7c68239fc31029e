import type { FilterOperator, ResourceDefinition } from '../resource-definition';

/** One alternative of a filter (alternatives are OR-ed): a single value, or an inclusive range `a..b`. */
export type FilterValueItem =
  | { kind: 'value'; value: string | number | boolean }
  | { kind: 'range'; from: string | number; to: string | number };

/** One `filter[...]` parameter, validated and typed. Several conditions are AND-ed. */
export interface FilterCondition {
  /** `id`, an attribute name or a relationship name. */
  field: string;
  target: 'id' | 'attribute' | 'relationship';
  operator: FilterOperator;
  /**
   * Typed values, OR-ed: integers as numbers, ids as strings of digits, decimals/money as canonical decimal strings,
   * booleans as booleans, datetimes as ISO-8601 UTC strings, dates as YYYY-MM-DD, strings/enums as given.
   * `exists` has one boolean value; `empty` has one boolean value (true = empty or null).
   */
  values: FilterValueItem[];
  /** The parameter as the client wrote it (e.g. `filter[name]`), for `source.parameter` of errors. */
  parameter: string;
}

export interface SortField {
  /** `id` or a sortable attribute. */
  field: string;
  direction: 'asc' | 'desc';
}

/** Everything the query string asks of a list (or single-resource) request, validated against the resources. */
export interface ListQuery {
  filters: FilterCondition[];
  /** Defaults to `id` ascending. */
  sort: SortField[];
  /** `number` ≥ 1; `size` ≥ 1, or -1 for "all" (capped by the engine). */
  page: { number: number; size: number };
  /** Dotted relationship paths, e.g. `owner`, `contacts.owner`, each checked against the resources. */
  include: string[];
  /** Sparse fieldsets per resource type (attribute and relationship names). */
  fields: Record<string, string[]>;
  /** Extra meta asked for with `meta=`: currently `title`. */
  meta: string[];
  /** A related list (`GET /{type}/{id}/{relationship}`): only the records that relationship of that record points to. Set by the engine, never parsed. */
  within?: { resource: ResourceDefinition; name: string; id: string };
  /**
   * A keyset read (a whole list read page after page, as an export does): only the records after the one whose sort
   * keys (then id) are `after` (null: from the start), and the page answers its last record's keys. Set by the
   * engine, never parsed.
   */
  keyset?: { after: SortKeys | null };
}

/** The values of a record's sort keys, then its id, as text (exact: timestamps keep their microseconds). */
export type SortKeys = Array<string | null>;

/** A 400 error about one query parameter (api.md A.2 error object). */
export interface QueryError {
  status: '400';
  title: string;
  detail: string;
  source: { parameter: string };
}

export type QueryParseResult = { ok: true; query: ListQuery } | { ok: false; errors: QueryError[] };

/** Finds a loaded resource by type (for include paths and `fields[type]`). */
export type ResourceLookup = (type: string) => ResourceDefinition | undefined;

export interface QueryParseOptions {
  /** Which request: `list` and `deleteList` accept filters/sort/page; `single` only include/fields/meta. */
  mode: 'list' | 'single' | 'deleteList';
  defaultPageSize: number;
  /** Largest `page[size]` accepted (`API_MAX_PAGE_SIZE`); larger is a 400. Unbounded when not given. */
  maxPageSize?: number;
}
