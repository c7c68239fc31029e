import type { Queryable } from '../../database/queryable';
import type { Caller } from '../caller';
import type { ResourceInput } from '../documents/parse-resource-body';
import type { ResourceLookup } from '../query/list-query';
import { ResourceDefinition, idSqlType, organizationColumnOf } from '../resource-definition';
import { PG_TYPES, SqlParams, attributeColumn, ident, tableName, toOneColumn } from './sql-fragments';

const NUMERIC_TYPES = new Set(['bigint', 'integer', 'int', 'smallint']);

function isWholeNumber(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^-?\d{1,19}$/.test(value));
}

/** A column of whole numbers (or nulls) written as one array literal, `{1,2,NULL}`; null when a value is not one. */
function wholeNumbersLiteral(values: unknown[]): string | null {
  return values.every(isWholeNumber) ? `{${values.map((v) => (v === null || v === undefined ? 'NULL' : String(v))).join(',')}}` : null;
}

/**
 * Plain persistence of a resource's fields, used for resources whose module declares no business rules for a write.
 * Runs inside the caller's transaction.
 */
export class RecordWriter {
  constructor(
    private readonly db: Queryable,
    private readonly lookup: ResourceLookup,
  ) {}

  /** `extra`: columns a module command sets itself (e.g. a computed association), with their SQL type. */
  async insert(resource: ResourceDefinition, input: ResourceInput, caller: Caller, extra: ExtraColumns = {}): Promise<string> {
    input = await storedValues(resource, input);
    const params = new SqlParams();
    const columns: string[] = [];
    const values: string[] = [];
    for (const [column, value] of [...this.columnValues(resource, input, params), ...extraValues(extra, params)]) {
      columns.push(column);
      values.push(value);
    }
    for (const [column, [value, type]] of defaultColumns(resource, caller, (c) => columns.includes(c))) {
      columns.push(column);
      values.push(params.add(value, type));
    }
    const sql = columns.length
      ? `INSERT INTO ${tableName(resource.table)} (${columns.join(', ')}) VALUES (${values.join(', ')})`
      : `INSERT INTO ${tableName(resource.table)} DEFAULT VALUES`;
    const [{ id }] = await this.db.query(`${sql} RETURNING ${ident(resource.idColumn ?? 'id')}::text AS id`, params.values);
    await this.writeToMany(resource, id, input, 'replace');
    return id;
  }

  /**
   * Many records with attributes and to-one relationships only, in one `INSERT … SELECT FROM unnest(…)` per set of
   * columns given (a column left out keeps its default); their ids in the order of the inputs. `extra` adds columns a
   * module computes itself, per record (value and SQL type; arrays are sent as their text form).
   */
  async insertMany(resource: ResourceDefinition, inputs: ResourceInput[], caller: Caller, extra?: Array<Record<string, [unknown, string]>>): Promise<string[]> {
    const rows: Array<Map<string, [unknown, string]>> = [];
    // Column names and types are worked out once per field, not once per record (thousands of records share them).
    const attributeColumns = new Map<string, [string, string, boolean]>();
    const relationshipColumns = new Map<string, [string, string]>();
    const defaults = defaultColumns(resource, caller, () => false);
    const stores = Object.values(resource.attributes).some((attribute) => attribute.store);
    for (const [i, raw] of inputs.entries()) {
      const input = stores ? await storedValues(resource, raw) : raw;
      const row = new Map<string, [unknown, string]>();
      for (const name in input.attributes) {
        const value = input.attributes[name];
        let column = attributeColumns.get(name);
        if (!column) {
          const attribute = resource.attributes[name];
          if (attribute.expression) throw new Error(`${resource.type}.${name} is computed: its module must store it (writes)`);
          column = [attributeColumn(name, attribute, null), PG_TYPES[attribute.type], attribute.type === 'json'];
          attributeColumns.set(name, column);
        }
        row.set(column[0], [column[2] ? JSON.stringify(value) : value, column[1]]);
      }
      for (const name in input.relationships) {
        const value = input.relationships[name];
        if (Array.isArray(value)) throw new Error('insertMany takes to-one relationships only');
        let column = relationshipColumns.get(name);
        if (!column) {
          const rel = resource.relationships![name];
          if (rel.expression) throw new Error(`${resource.type}.${name} is computed: its module must store it (writes)`);
          column = [toOneColumn(name, rel, null), idSqlType(this.lookup(rel.type))];
          relationshipColumns.set(name, column);
        }
        row.set(column[0], [value, column[1]]);
      }
      const own = extra?.[i];
      if (own) for (const column in own) row.set(ident(column), own[column]);
      for (const [column, value] of defaults) if (!row.has(column)) row.set(column, value);
      rows.push(row);
    }
    // Rows giving the same columns go together (one statement each); ids come back per group, in row order.
    const groups = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const signature = [...row.keys()].sort().join(',');
      const members = groups.get(signature);
      if (members) members.push(i);
      else groups.set(signature, [i]);
    });
    const ids: string[] = new Array(rows.length);
    for (const members of groups.values()) {
      const columns = [...rows[members[0]].keys()].sort();
      const params = new SqlParams();
      const arrays = columns.map((column) => {
        const type = rows[members[0]].get(column)![1];
        const array = type.endsWith('[]');
        const values = members.map((i) => {
          const value = rows[i].get(column)![0];
          return array && Array.isArray(value) ? `{${value.join(',')}}` : value;
        });
        // Whole numbers go as one array literal: the driver would quote and escape each of thousands of elements.
        const literal = !array && NUMERIC_TYPES.has(type) ? wholeNumbersLiteral(values) : null;
        if (literal !== null) return { placeholder: params.add(literal, `${type}[]`), cast: '' };
        return { placeholder: params.add(values, array ? 'text[]' : `${type}[]`), cast: array ? `::${type}` : '' };
      });
      const names = columns.map((_, k) => `c${k}`);
      const idColumn = ident(resource.idColumn ?? 'id');
      // Ids the module took itself are known: nothing to read back.
      const given = columns.includes(idColumn);
      // Ids read back must come in the rows' order (ordinality); without ids to read back the order does not matter.
      const unnested = `unnest(${arrays.map((a) => a.placeholder).join(', ')})`;
      const source = given ? `${unnested} AS v(${names.join(', ')})` : `${unnested} WITH ORDINALITY AS v(${names.join(', ')}, n) ORDER BY n`;
      const inserted: Array<{ id: string }> = await this.db.query(
        `INSERT INTO ${tableName(resource.table)} (${columns.join(', ')})
         SELECT ${names.map((n, k) => `${n}${arrays[k].cast}`).join(', ')}
         FROM ${source}
         ${given ? '' : `RETURNING ${idColumn}::text AS id`}`,
        params.values,
      );
      if (given) {
        members.forEach((i) => (ids[i] = String(rows[i].get(idColumn)![0])));
        continue;
      }
      // Ids are drawn in the order the rows are produced (ordinality), so sorted ids follow the inputs.
      const sorted = inserted.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
      members.forEach((i, k) => (ids[i] = sorted[k]));
    }
    return ids;
  }

  async update(resource: ResourceDefinition, id: string, input: ResourceInput, extra: ExtraColumns = {}): Promise<void> {
    input = await storedValues(resource, input);
    const params = new SqlParams();
    const sets = [...this.columnValues(resource, input, params), ...extraValues(extra, params)].map(([column, value]) => `${column} = ${value}`);
    const updatedAt = resource.attributes.updatedAt;
    if (updatedAt?.readOnly) sets.push(`${ident(updatedAt.column ?? 'updated_at')} = now()`);
    if (sets.length > 0) {
      await this.db.query(
        `UPDATE ${tableName(resource.table)} SET ${sets.join(', ')} WHERE ${ident(resource.idColumn ?? 'id')} = ${params.add(id, 'bigint')}`,
        params.values,
      );
    }
    await this.writeToMany(resource, id, input, 'replace');
  }

  async delete(resource: ResourceDefinition, ids: string[]): Promise<number> {
    const [, count] = await this.db.query(
      `DELETE FROM ${tableName(resource.table)} WHERE ${ident(resource.idColumn ?? 'id')} = ANY($1::bigint[])`,
      [ids],
    );
    return count;
  }

  /** Replaces, adds to or removes from a to-many relationship. */
  async changeToMany(resource: ResourceDefinition, id: string, name: string, ids: string[], mode: 'replace' | 'add' | 'remove') {
    const rel = resource.relationships![name];
    if (rel.through) {
      const { table, from, to } = rel.through;
      if (mode !== 'add') {
        const only = mode === 'remove' ? ` AND ${ident(to)} = ANY($2::bigint[])` : '';
        await this.db.query(`DELETE FROM ${tableName(table)} WHERE ${ident(from)} = $1::bigint${only}`, mode === 'remove' ? [id, ids] : [id]);
      }
      if (mode !== 'remove' && ids.length > 0) {
        await this.db.query(
          `INSERT INTO ${tableName(table)} (${ident(from)}, ${ident(to)}) SELECT $1::bigint, unnest($2::bigint[]) ON CONFLICT DO NOTHING`,
          [id, ids],
        );
      }
      return;
    }
    // Inverse side (children pointing to a parent): move the targets' foreign key.
    const target = this.lookup(rel.type)!;
    const column = ident(rel.inverseColumn!);
    if (mode === 'replace') {
      await this.db.query(`UPDATE ${tableName(target.table)} SET ${column} = NULL WHERE ${column} = $1::bigint AND NOT (id = ANY($2::bigint[]))`, [id, ids]);
    }
    if (mode === 'remove') {
      await this.db.query(`UPDATE ${tableName(target.table)} SET ${column} = NULL WHERE ${column} = $1::bigint AND id = ANY($2::bigint[])`, [id, ids]);
    } else if (ids.length > 0) {
      await this.db.query(`UPDATE ${tableName(target.table)} SET ${column} = $1::bigint WHERE id = ANY($2::bigint[])`, [id, ids]);
    }
  }

  private *columnValues(resource: ResourceDefinition, input: ResourceInput, params: SqlParams): Generator<[string, string]> {
    for (const [name, value] of Object.entries(input.attributes)) {
      const attribute = resource.attributes[name];
      if (attribute.expression) throw new Error(`${resource.type}.${name} is computed: its module must store it (writes)`);
      yield [attributeColumn(name, attribute, null), params.add(value, PG_TYPES[attribute.type])];
    }
    for (const [name, value] of Object.entries(input.relationships)) {
      const rel = resource.relationships![name];
      if (rel.expression) throw new Error(`${resource.type}.${name} is computed: its module must store it (writes)`);
      if (rel.cardinality === 'one') yield [toOneColumn(name, rel, null), params.add(value, idSqlType(this.lookup(rel.type)))];
    }
  }

  private async writeToMany(resource: ResourceDefinition, id: string, input: ResourceInput, mode: 'replace') {
    for (const [name, value] of Object.entries(input.relationships)) {
      if (resource.relationships![name].cardinality === 'many') await this.changeToMany(resource, id, name, value as string[], mode);
    }
  }
}


export type ExtraColumns = Record<string, { value: unknown; type: string }>;

function extraValues(extra: ExtraColumns, params: SqlParams): Array<[string, string]> {
  return Object.entries(extra).map(([column, { value, type }]) => [ident(column), params.add(value, type)]);
}

/** Applies the attributes' `store` transformations (e.g. password → hash). */
async function storedValues(resource: ResourceDefinition, input: ResourceInput): Promise<ResourceInput> {
  const attributes = { ...input.attributes };
  for (const [name, value] of Object.entries(attributes)) {
    const store = resource.attributes[name].store;
    if (store && value !== null) attributes[name] = await store(value);
  }
  return { ...input, attributes };
}

/** The organization and owner columns a new record takes from its caller when the input leaves them out. */
function defaultColumns(resource: ResourceDefinition, caller: Caller, given: (column: string) => boolean): Array<[string, [unknown, string]]> {
  const defaults: Array<[string, [unknown, string]]> = [];
  const organizationColumn = organizationColumnOf(resource);
  if (organizationColumn && organizationColumn !== (resource.idColumn ?? 'id') && !given(ident(organizationColumn))) {
    defaults.push([ident(organizationColumn), [caller.organizationId, 'bigint']]);
  }
  const ownerIsRecord = resource.ownerColumn === (resource.idColumn ?? 'id');
  if (resource.ownerColumn && !ownerIsRecord && caller.userId && !given(ident(resource.ownerColumn))) {
    defaults.push([ident(resource.ownerColumn), [caller.userId, 'bigint']]);
  }
  return defaults;
}
