import type { FilterCondition, FilterValueItem, ResourceLookup } from '../query/list-query';
import { ResourceDefinition, idSqlType } from '../resource-definition';
import { PG_TYPES, SqlParams, attributeColumn, idColumn, ident, likeEscape, tableName, toOneColumn } from './sql-fragments';

/** SQL for one validated filter condition on the table aliased `r`. */
export function filterSql(
  resource: ResourceDefinition,
  condition: FilterCondition,
  params: SqlParams,
  lookup: ResourceLookup,
): string {
  if (condition.target === 'relationship') return relationshipFilter(resource, condition, params, lookup);
  const listValues = condition.target === 'attribute' ? resource.attributes[condition.field].filterValues : undefined;
  if (listValues) return listFilter(`(${listValues})`, condition, params);
  const [column, cast] =
    condition.target === 'id'
      ? [idColumn(resource), idSqlType(resource)]
      : [attributeColumn(condition.field, resource.attributes[condition.field]), PG_TYPES[resource.attributes[condition.field].type]];
  return valueFilter(column, cast, condition, params);
}

function valueFilter(column: string, cast: string, c: FilterCondition, params: SqlParams): string {
  const texts = () => c.values.map((v) => String((v as { value: unknown }).value));
  switch (c.operator) {
    case 'eq':
      return matchAny(column, cast, c.values, params);
    case 'neq':
      return `NOT ${matchAny(column, cast, c.values, params)}`;
    case 'neq_or_null':
      return `(${column} IS NULL OR NOT ${matchAny(column, cast, c.values, params)})`;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[c.operator];
      return `(${texts().map((v) => `${column} ${op} ${params.add(v, cast)}`).join(' OR ')})`;
    }
    case 'exists':
      return `${column} IS ${c.values[0]?.kind === 'value' && c.values[0].value === false ? '' : 'NOT '}NULL`;
    case 'empty': {
      const empty = `(${column} IS NULL${cast === 'text' ? ` OR ${column} = ''` : ''})`;
      return c.values[0]?.kind === 'value' && c.values[0].value === false ? `NOT ${empty}` : empty;
    }
    default:
      return likeFilter(column, c, params);
  }
}

/** Contains / starts with / ends with, case-insensitive (what a back-office search box is expected to do). */
function likeFilter(column: string, c: FilterCondition, params: SqlParams): string {
  const negate = c.operator.startsWith('not_');
  const kind = c.operator.replace(/^not_/, '');
  const patterns = c.values.map((v) => {
    const text = likeEscape(String((v as { value: unknown }).value));
    return kind === 'contains' ? `%${text}%` : kind === 'starts_with' ? `${text}%` : `%${text}`;
  });
  const match = `(${patterns.map((p) => `${column}::text ILIKE ${params.add(p, 'text')}`).join(' OR ')})`;
  return negate ? `(${column} IS NULL OR NOT ${match})` : match;
}

function matchAny(column: string, cast: string, values: FilterValueItem[], params: SqlParams): string {
  const singles = values.filter((v) => v.kind === 'value').map((v) => (v as { value: unknown }).value);
  const parts = values
    .filter((v): v is Extract<FilterValueItem, { kind: 'range' }> => v.kind === 'range')
    .map((r) => `${column} BETWEEN ${params.add(r.from, cast)} AND ${params.add(r.to, cast)}`);
  if (singles.length > 0) parts.push(`${column} = ANY(${params.add(singles, `${cast}[]`)})`);
  return `(${parts.join(' OR ') || 'false'})`;
}

function relationshipFilter(resource: ResourceDefinition, c: FilterCondition, params: SqlParams, lookup: ResourceLookup): string {
  const rel = resource.relationships![c.field];
  const ids = c.values.filter((v) => v.kind === 'value').map((v) => String((v as { value: unknown }).value));
  if (rel.cardinality === 'one') {
    const column = toOneColumn(c.field, rel);
    if (c.operator === 'exists') return `${column} IS ${c.values[0]?.kind === 'value' && c.values[0].value === false ? '' : 'NOT '}NULL`;
    const match = `${column} = ANY(${params.add(ids, `${idSqlType(lookup(rel.type))}[]`)})`;
    return c.operator === 'neq' ? `(${column} IS NULL OR NOT ${match})` : match;
  }
  const related = relatedRowsSql(resource, c.field, lookup);
  if (c.operator === 'exists') {
    const exists = `EXISTS (${related})`;
    return c.values[0]?.kind === 'value' && c.values[0].value === false ? `NOT ${exists}` : exists;
  }
  // To-many `eq` means "contains any of".
  const match = `EXISTS (${related} AND ${relatedIdColumn(resource, c.field)} = ANY(${params.add(ids, 'bigint[]')}))`;
  return c.operator === 'neq' ? `NOT ${match}` : match;
}

/** `SELECT 1 FROM <join or target> WHERE <points at r>` for a to-many relationship. */
function relatedRowsSql(resource: ResourceDefinition, name: string, lookup: ResourceLookup): string {
  const rel = resource.relationships![name];
  if (rel.through) return `SELECT 1 FROM ${tableName(rel.through.table)} j WHERE j.${ident(rel.through.from)} = ${idColumn(resource)}`;
  const target = lookup(rel.type);
  if (!target) throw new Error(`Resource '${rel.type}' is not loaded`);
  return `SELECT 1 FROM ${tableName(target.table)} t WHERE t.${ident(rel.inverseColumn!)} = ${idColumn(resource)}`;
}

function relatedIdColumn(resource: ResourceDefinition, name: string): string {
  const rel = resource.relationships![name];
  return rel.through ? `j.${ident(rel.through.to)}` : 't."id"';
}

/** A filter on a list attribute's values (`filterValues`): any of them matches; `exists` = the list is not empty. */
function listFilter(values: string, c: FilterCondition, params: SqlParams): string {
  if (c.operator === 'exists') return `${c.values[0]?.kind === 'value' && c.values[0].value === false ? '' : 'NOT '}(cardinality(${values}) = 0)`;
  const match = `(${values} && ${params.add(c.values.map((v) => String((v as { value: unknown }).value)), 'text[]')})`;
  return c.operator === 'neq' ? `NOT ${match}` : match;
}
