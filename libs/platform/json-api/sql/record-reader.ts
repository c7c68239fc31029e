import { PreparedStatement, prepared } from '../../database/prepared-statement';
import type { Queryable } from '../../database/queryable';
import type { Caller, Permission } from '../caller';
import type { ListQuery, ResourceLookup, SortKeys } from '../query/list-query';
import { RelationshipDefinition, ResourceDefinition, idSqlType, isResourceId, organizationColumnOf } from '../resource-definition';
import { TO_MANY_LINKAGE_LIMIT } from '../to-many-linkage';
import { filterSql } from './filter-sql';
import { indexFirstPageSql, takesMatchesFromIndex } from './index-first-page';
import {
  SqlParams,
  attributeColumn,
  attributeSelect,
  idColumn,
  ident,
  tableName,
  toOneColumn,
} from './sql-fragments';
import { toManySource } from './to-many-source';

/** A record as read: attributes in document form, to-one relationship ids, and its title when asked. */
export interface ResourceRow {
  id: string;
  attributes: Record<string, unknown>;
  toOne: Record<string, string | null>;
  /** The target type of each polymorphic to-one that has a target. */
  toOneTypes?: Record<string, string>;
  /** Target ids of to-many relationships: the first `TO_MANY_LINKAGE_LIMIT` of each, by id. */
  toMany: Record<string, string[]>;
  /** The to-many relationships that have more targets than `toMany` holds. */
  toManyHasMore?: string[];
  title?: string | null;
}

export interface ReadShape {
  /** Attribute and relationship names to read (undefined = all). */
  fields?: string[];
  withTitle?: boolean;
}

/**
 * Set-based reads of a resource's table, always scoped to what the caller may see: its organization, and its own
 * records where its access level is "own".
 */
export class RecordReader {
  constructor(
    private readonly db: Queryable,
    private readonly lookup: ResourceLookup,
  ) {}

  /** One page (plus one row to know whether a next page exists); a keyset read also answers its last record's keys. */
  async list(
    resource: ResourceDefinition,
    query: ListQuery,
    caller: Caller,
    shape: ReadShape,
    maxRows: number,
  ): Promise<{ rows: ResourceRow[]; hasNext: boolean; lastKeys?: SortKeys }> {
    const params = new SqlParams();
    let where = this.whereSql(resource, query, caller, params, 'VIEW');
    const size = query.page.size === -1 ? maxRows : query.page.size;
    const offset = query.page.size === -1 || query.keyset ? 0 : (query.page.number - 1) * size;
    const keys = [...query.sort, ...(query.sort.some((s) => s.field === 'id') ? [] : [{ field: 'id', direction: 'asc' as const }])].map((s) => ({
      sql: s.field === 'id' ? idColumn(resource) : attributeColumn(s.field, resource.attributes[s.field]),
      descending: s.direction === 'desc',
    }));
    const order = keys.map((k) => `${k.sql} ${k.descending ? 'DESC' : 'ASC'}`).join(', ');
    if (query.keyset?.after) where += ` AND ${afterKeysSql(keys, query.keyset.after, params)}`;
    const keyColumns = query.keyset ? keys.map((k, i) => `, (${k.sql})::text AS "__key${i}"`).join('') : '';
    // The page is chosen first, on the table's own rows (the plan a bare `SELECT … ORDER BY … LIMIT` gets), and the
    // select list (formatting, to-many linkage subqueries) is computed for its rows only: in one flat statement
    // PostgreSQL computes most of it for every matching row before the sort keeps a page of them.
    const pageRows = takesMatchesFromIndex(resource, query)
      ? indexFirstPageSql(resource, where, order, size + 1, offset)
      : `SELECT r.* FROM ${tableName(resource.table)} r WHERE ${where} ORDER BY ${order} LIMIT ${size + 1} OFFSET ${offset}`;
    const rows = await this.db.query(`SELECT ${this.selectList(resource, shape)}${keyColumns} FROM (${pageRows}) r ORDER BY ${order}`, params.values);
    const page = rows.slice(0, size) as Array<Record<string, unknown>>;
    const last = page[page.length - 1];
    return {
      rows: page.map((row) => this.toRow(resource, row)),
      hasNext: rows.length > size,
      ...(query.keyset && last ? { lastKeys: keys.map((_, i) => (last[`__key${i}`] as string | null) ?? null) } : {}),
    };
  }

  async count(resource: ResourceDefinition, query: ListQuery, caller: Caller, permission: Permission = 'VIEW'): Promise<number> {
    const params = new SqlParams();
    const where = this.whereSql(resource, query, caller, params, permission);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM ${tableName(resource.table)} r WHERE ${where}`, params.values);
    return n;
  }

  /** The ids matching a DELETE-list's filters that the caller may delete (at most `limit`). */
  async idsMatching(resource: ResourceDefinition, query: ListQuery, caller: Caller, limit: number): Promise<string[]> {
    const params = new SqlParams();
    const where = this.whereSql(resource, query, caller, params, 'DELETE');
    const rows = await this.db.query(
      `SELECT ${idColumn(resource)}::text AS id FROM ${tableName(resource.table)} r WHERE ${where} ORDER BY 1 LIMIT ${limit}`,
      params.values,
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** Records by id that the caller may see with `permission`, in no particular order. */
  async byIds(
    resource: ResourceDefinition,
    ids: string[],
    caller: Caller,
    shape: ReadShape = {},
    permission: Permission = 'VIEW',
  ): Promise<ResourceRow[]> {
    const valid = ids.filter((id) => isResourceId(resource, id));
    if (valid.length === 0) return [];
    const params = new SqlParams();
    const scope = this.scopeSql(resource, caller, params, permission);
    // One record by `= $n`, not `= ANY($n)`: PostgreSQL plans a prepared statement once (a generic plan) only when that
    // plan is not estimated dearer than one made for the values, and an array of unknown length always is, so the
    // statement with its to-many subqueries was planned again on every request.
    const idCondition = valid.length === 1 ? `= ${params.add(valid[0], idSqlType(resource))}` : `= ANY(${params.add(valid, `${idSqlType(resource)}[]`)})`;
    const sql = () => `SELECT ${this.selectList(resource, shape)} FROM ${tableName(resource.table)} r WHERE ${idColumn(resource)} ${idCondition} AND ${scope}`;
    // Whole-record reads come in a handful of shapes per resource (title or not, the scope): prepared once each, they
    // skip building, parsing and planning the statement.
    const rows = await this.db.query(shape.fields ? sql() : wholeRecordStatement(resource, `${shape.withTitle ?? false}|${scope}|${idCondition}`, sql), params.values);
    return rows.map((row: Record<string, unknown>) => this.toRow(resource, row));
  }

  /**
   * The lowest id the caller may see for each of these values of an `equalityIndexed` attribute (value → id; values no record
   * has are left out). A lateral subquery per value probes the attribute's index: a plain `= ANY(values)` lets
   * PostgreSQL read the whole table instead while its estimate prefers that (5000 values and up to ~1.3 million rows).
   */
  async lowestIdsByValue(resource: ResourceDefinition, attribute: string, values: string[], caller: Caller): Promise<Map<string, string>> {
    const params = new SqlParams();
    const scope = this.scopeSql(resource, caller, params, 'VIEW');
    const column = attributeColumn(attribute, resource.attributes[attribute]);
    const rows: Array<{ value: string; id: string }> = await this.db.query(
      `SELECT v.value, min(m.id)::text AS id FROM unnest(${params.add(values, 'text[]')}) v(value)
       CROSS JOIN LATERAL (SELECT ${idColumn(resource)} AS id FROM ${tableName(resource.table)} r WHERE ${column} = v.value AND ${scope} OFFSET 0) m
       GROUP BY v.value`,
      params.values,
    );
    return new Map(rows.map((row) => [row.value, row.id]));
  }

  /** Target ids of a to-many relationship for each owner id (at most `limitPerOwner` each). */
  async toManyIds(resource: ResourceDefinition, name: string, ownerIds: string[], limitPerOwner: number): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(ownerIds.map((id) => [id, []]));
    if (ownerIds.length === 0) return result;
    const { table, from, to } = toManySource(resource, name, this.lookup);
    const rows = await this.db.query(
      `SELECT owner, target FROM (
         SELECT ${ident(from)}::text AS owner, ${ident(to)}::text AS target,
                row_number() OVER (PARTITION BY ${ident(from)} ORDER BY ${ident(to)}) AS n
         FROM ${tableName(table)} WHERE ${ident(from)} = ANY($1::${idSqlType(resource)}[])) x
       WHERE n <= ${limitPerOwner} ORDER BY owner, target::bigint`,
      [ownerIds],
    );
    for (const row of rows as Array<{ owner: string; target: string }>) result.get(row.owner)?.push(row.target);
    return result;
  }

  /** One page of a record's to-many target ids, by id (plus one to know whether a next page exists). */
  async toManyPage(resource: ResourceDefinition, name: string, id: string, page: ListQuery['page'], maxRows: number): Promise<{ ids: string[]; hasNext: boolean }> {
    const { table, from, to } = toManySource(resource, name, this.lookup);
    const size = page.size === -1 ? maxRows : page.size;
    const offset = page.size === -1 ? 0 : (page.number - 1) * size;
    const rows = await this.db.query(
      `SELECT ${ident(to)}::text AS id FROM ${tableName(table)} WHERE ${ident(from)} = $1::${idSqlType(resource)}
       ORDER BY ${ident(to)} LIMIT ${size + 1} OFFSET ${offset}`,
      [id],
    );
    return { ids: rows.slice(0, size).map((row: { id: string }) => row.id), hasNext: rows.length > size };
  }

  private whereSql(resource: ResourceDefinition, query: ListQuery, caller: Caller, params: SqlParams, permission: Permission): string {
    const parts = [this.scopeSql(resource, caller, params, permission)];
    if (query.within) parts.push(this.withinSql(resource, query.within, params));
    for (const condition of query.filters) parts.push(filterSql(resource, condition, params, this.lookup));
    return parts.join(' AND ');
  }

  /** The records a relationship of another record points to (a related list). */
  private withinSql(resource: ResourceDefinition, within: NonNullable<ListQuery['within']>, params: SqlParams): string {
    const { table, from, to } = toManySource(within.resource, within.name, this.lookup);
    const owner = params.add(within.id, idSqlType(within.resource));
    // The target's own table pointing back to the owner: a plain condition on it, no subquery.
    if (!within.resource.relationships![within.name].through) return `r.${ident(from)} = ${owner}`;
    return `${idColumn(resource)} IN (SELECT m.${ident(to)} FROM ${tableName(table)} m WHERE m.${ident(from)} = ${owner})`;
  }

  /**
   * What the caller may touch: nothing, its own records, or its organization's; on the storefront, the records of
   * the customer user, its customer, or its customer's subtree (`frontendOwner`), always within the organization.
   */
  scopeSql(resource: ResourceDefinition, caller: Caller, params: SqlParams, permission: Permission): string {
    const access = caller.access(resource.type, permission);
    // "own" on records that have no owner gives nothing: it cannot tell which of them are the caller's.
    if (access === 'none' || (access === 'own' && !resource.ownerColumn)) return 'false';
    const parts: string[] = [];
    const organizationColumn = organizationColumnOf(resource);
    if (organizationColumn) parts.push(`r.${ident(organizationColumn)} = ${params.add(caller.organizationId, 'bigint')}`);
    if (access === 'own' && resource.ownerColumn) parts.push(`r.${ident(resource.ownerColumn)} = ${params.add(caller.userId, 'bigint')}`);
    if (access === 'user' || access === 'department' || access === 'corporate') {
      const owner = resource.frontendOwner;
      const company = caller.storefront;
      if (!owner || !company) return 'false';
      let mine =
        access === 'user'
          ? owner.customerUser
            ? `(${owner.customerUser}) = ${params.add(company.customerUserId, 'bigint')}`
            : 'false'
          : access === 'department'
            ? `(${owner.customer}) = ${params.add(company.customerId, 'bigint')}`
            : `(${owner.customer}) = ANY(${params.add(company.corporateCustomerIds, 'bigint[]')})`;
      if (owner.alsoVisible && (permission === 'VIEW' || permission === 'EDIT')) mine = `(${mine} OR ${owner.alsoVisible})`;
      parts.push(mine);
    }
    if (resource.frontendOwner?.onlyWhere) parts.push(`(${resource.frontendOwner.onlyWhere})`);
    return parts.length ? parts.join(' AND ') : 'true';
  }

  private selectList(resource: ResourceDefinition, shape: ReadShape): string {
    const wanted = (name: string) => !shape.fields || shape.fields.includes(name);
    const columns = [`${idColumn(resource)}::text AS "id"`];
    for (const [name, attribute] of Object.entries(resource.attributes)) {
      if (wanted(name) && !attribute.writeOnly) columns.push(`${attributeSelect(name, attribute)} AS ${ident(`a_${name.toLowerCase()}`)}`);
    }
    for (const [name, rel] of Object.entries(resource.relationships ?? {})) {
      if (!wanted(name)) continue;
      if (rel.polymorphic) columns.push(`${this.targetTypeSql(rel.polymorphic)} AS ${ident(`p_${name.toLowerCase()}`)}`);
      if (rel.cardinality === 'one') columns.push(`${toOneColumn(name, rel)}::text AS ${ident(`o_${name.toLowerCase()}`)}`);
      // Read in the same statement as the record: one round trip per page, whatever the number of relationships.
      else columns.push(`ARRAY(${this.toManySubquery(resource, name)}) AS ${ident(`m_${name.toLowerCase()}`)}`);
    }
    if (shape.withTitle && resource.title) {
      const title = resource.attributes[resource.title] ? attributeColumn(resource.title, resource.attributes[resource.title]) : resource.title;
      columns.push(`(${title})::text AS "title"`);
    }
    return columns.join(', ');
  }

  /** The loaded resource type a polymorphic to-one's discriminator names, or null. */
  private targetTypeSql({ discriminator, types }: NonNullable<RelationshipDefinition['polymorphic']>): string {
    const loaded = Object.entries(types).filter(([, type]) => this.lookup(type));
    if (loaded.length === 0 || !discriminator) return 'NULL::text';
    const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
    return `(CASE (${discriminator}) ${loaded.map(([value, type]) => `WHEN ${quote(value)} THEN ${quote(type)}`).join(' ')} END)`;
  }

  /** The first targets by id, and one more to know whether there are others (never all of them: see `TO_MANY_LINKAGE_LIMIT`). */
  private toManySubquery(resource: ResourceDefinition, name: string): string {
    const { table, from, to } = toManySource(resource, name, this.lookup);
    return `SELECT m.${ident(to)}::text FROM ${tableName(table)} m WHERE m.${ident(from)} = ${idColumn(resource)} ORDER BY m.${ident(to)} LIMIT ${TO_MANY_LINKAGE_LIMIT + 1}`;
  }

  private toRow(resource: ResourceDefinition, row: Record<string, unknown>): ResourceRow {
    const attributes: Record<string, unknown> = {};
    const toOne: Record<string, string | null> = {};
    const toMany: Record<string, string[]> = {};
    const toOneTypes: Record<string, string> = {};
    const toManyHasMore: string[] = [];
    const { attributeKeys, relationshipKeys } = rowKeysOf(resource);
    for (const [name, key] of attributeKeys) {
      if (key in row) attributes[name] = row[key] ?? null;
    }
    for (const [name, one, many, polymorphic] of relationshipKeys) {
      if (one in row) toOne[name] = (row[one] as string | null) ?? null;
      if (many in row) {
        const ids = (row[many] as string[] | null) ?? [];
        if (ids.length > TO_MANY_LINKAGE_LIMIT) toManyHasMore.push(name);
        toMany[name] = ids.length > TO_MANY_LINKAGE_LIMIT ? ids.slice(0, TO_MANY_LINKAGE_LIMIT) : ids;
      }
      if (polymorphic in row) {
        // A target of no loaded type is no target.
        if (row[polymorphic]) toOneTypes[name] = row[polymorphic] as string;
        else toOne[name] = null;
      }
    }
    return {
      id: row.id as string,
      attributes,
      toOne,
      toMany,
      ...(Object.keys(toOneTypes).length ? { toOneTypes } : {}),
      ...(toManyHasMore.length ? { toManyHasMore } : {}),
      ...('title' in row ? { title: row.title as string | null } : {}),
    };
  }
}

interface RowKeys {
  attributeKeys: Array<[name: string, key: string]>;
  relationshipKeys: Array<[name: string, one: string, many: string, polymorphic: string]>;
}

const rowKeys = new WeakMap<ResourceDefinition, RowKeys>();

/** The select list's column names of a resource's fields (see `selectList`), built once: every row read needs them. */
function rowKeysOf(resource: ResourceDefinition): RowKeys {
  let keys = rowKeys.get(resource);
  if (!keys) {
    keys = {
      attributeKeys: Object.keys(resource.attributes).map((name) => [name, `a_${name.toLowerCase()}`]),
      relationshipKeys: Object.keys(resource.relationships ?? {}).map((name) => {
        const lower = name.toLowerCase();
        return [name, `o_${lower}`, `m_${lower}`, `p_${lower}`];
      }),
    };
    rowKeys.set(resource, keys);
  }
  return keys;
}

const wholeRecordStatements = new WeakMap<ResourceDefinition, Map<string, PreparedStatement>>();

function wholeRecordStatement(resource: ResourceDefinition, shapeKey: string, sql: () => string): PreparedStatement {
  let statements = wholeRecordStatements.get(resource);
  if (!statements) wholeRecordStatements.set(resource, (statements = new Map()));
  let statement = statements.get(shapeKey);
  if (!statement) statements.set(shapeKey, (statement = prepared(sql())));
  return statement;
}

/**
 * The records after the one whose sort keys are `after`, in the list's order (PostgreSQL's: nulls last ascending,
 * first descending): equal on the first keys and after it on the next one. The keys come back as text, compared with
 * each expression's own type (an untyped parameter takes it).
 */
function afterKeysSql(keys: Array<{ sql: string; descending: boolean }>, after: SortKeys, params: SqlParams): string {
  const equal = (sql: string, value: string | null) => (value === null ? `${sql} IS NULL` : `${sql} = ${params.add(value)}`);
  const beyond = ({ sql, descending }: { sql: string; descending: boolean }, value: string | null) => {
    if (value === null) return descending ? `${sql} IS NOT NULL` : 'FALSE';
    return descending ? `${sql} < ${params.add(value)}` : `(${sql} > ${params.add(value)} OR ${sql} IS NULL)`;
  };
  const alternatives = keys.map((key, i) => [...keys.slice(0, i).map((k, j) => equal(k.sql, after[j])), beyond(key, after[i])].join(' AND '));
  return `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;
}
