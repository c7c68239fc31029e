import type { ListQuery } from '../query/list-query';
import type { ResourceDefinition } from '../resource-definition';
import { idColumn, tableName } from './sql-fragments';

/** Most matches taken from the trigram index before the list falls back to walking the primary key. */
export const INDEX_FIRST_MATCHES = 500;

/**
 * Whether a list's matches are better taken from a trigram index first: ordered by id only, and filtered with
 * `contains` / `starts_with` / `ends_with` on a trigram-indexed attribute with terms of three characters or more (a
 * shorter one has no trigram, and the index cannot narrow it). Left alone, PostgreSQL often walks the primary key in
 * order and tests every row instead, whenever it guesses that many rows match (1 % for any term): thousands of rows
 * for a term that matches twenty.
 */
export function takesMatchesFromIndex(resource: ResourceDefinition, query: ListQuery): boolean {
  if (query.keyset || !query.sort.every((s) => s.field === 'id')) return false;
  return query.filters.some(
    (f) =>
      f.target === 'attribute' &&
      (f.operator === 'contains' || f.operator === 'starts_with' || f.operator === 'ends_with') &&
      resource.attributes[f.field]?.trigramIndexed === true &&
      f.values.every((v) => v.kind === 'value' && String(v.value).length >= 3),
  );
}

/**
 * The page's rows (a subquery on the table's rows, aliased `r`), the matches taken from the index first: at most
 * `INDEX_FIRST_MATCHES` + 1 of them, then the page of their ids, each fenced off (`MATERIALIZED`) so that the planner
 * cannot turn them back into a walk of the primary key. A term matching more than that (a broad one, where walking the
 * primary key finds a page at once) takes the ordinary plan instead: the count decides at run time, whatever the
 * planner guessed. `order` is by the id column only.
 */
export function indexFirstPageSql(resource: ResourceDefinition, where: string, order: string, limit: number, offset: number): string {
  const table = tableName(resource.table);
  const id = idColumn(resource);
  const page = `ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
  const complete = `(SELECT count(*) FROM matches) <= ${INDEX_FIRST_MATCHES}`;
  return `WITH matches AS MATERIALIZED (SELECT ${id} FROM ${table} r WHERE ${where} LIMIT ${INDEX_FIRST_MATCHES + 1}),
      page AS MATERIALIZED (SELECT ${id} FROM matches r ${page})
    (SELECT r.* FROM ${table} r WHERE ${id} IN (SELECT ${id} FROM page r) AND ${complete})
    UNION ALL
    (SELECT r.* FROM ${table} r WHERE ${where} AND NOT ${complete} ${page})`;
}
