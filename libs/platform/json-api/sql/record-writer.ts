import type { Queryable } from '../../database/queryable';
import type { Caller } from '../caller';
import type { ResourceInput } from '../documents/parse-resource-body';
import type { ResourceLookup } from '../query/list-query';
import { ResourceDefinition, idSqlType, organizationColumnOf } from '../resource-definition';
import { PG_TYPES, SqlParams, attributeColumn, ident, tableName, toOneColumn } from './sql-fragments';

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
    const organizationColumn = organizationColumnOf(resource);
    if (organizationColumn && organizationColumn !== (resource.idColumn ?? 'id') && !columns.includes(ident(organizationColumn))) {
      columns.push(ident(organizationColumn));
      values.push(params.add(caller.organizationId, 'bigint'));
    }
    const ownerIsRecord = resource.ownerColumn === (resource.idColumn ?? 'id');
    if (resource.ownerColumn && !ownerIsRecord && !columns.includes(ident(resource.ownerColumn)) && caller.userId) {
      columns.push(ident(resource.ownerColumn));
      values.push(params.add(caller.userId, 'bigint'));
    }
    const sql = columns.length
      ? `INSERT INTO ${tableName(resource.table)} (${columns.join(', ')}) VALUES (${values.join(', ')})`
      : `INSERT INTO ${tableName(resource.table)} DEFAULT VALUES`;
    const [{ id }] = await this.db.query(`${sql} RETURNING ${ident(resource.idColumn ?? 'id')}::text AS id`, params.values);
    await this.writeToMany(resource, id, input, 'replace');
    return id;
  }

  /**
   * Many records in one multi-row INSERT (attributes and to-one relationships only); their ids in the order of the
   * inputs (a sequence gives them in row order).
   */
  async insertMany(resource: ResourceDefinition, inputs: ResourceInput[], caller: Caller): Promise<string[]> {
    if (inputs.length === 0) return [];
    const params = new SqlParams();
    const rows: Array<Map<string, string>> = [];
    for (const raw of inputs) {
      const input = await storedValues(resource, raw);
      if (Object.values(input.relationships).some(Array.isArray)) throw new Error('insertMany takes to-one relationships only');
      rows.push(new Map(this.columnValues(resource, input, params)));
    }
    const organizationColumn = organizationColumnOf(resource);
    const ownerIsRecord = resource.ownerColumn === (resource.idColumn ?? 'id');
    const organization = organizationColumn && organizationColumn !== (resource.idColumn ?? 'id') ? ident(organizationColumn) : null;
    const owner = resource.ownerColumn && !ownerIsRecord && caller.userId ? ident(resource.ownerColumn) : null;
    const defaults = new Map<string, string>();
    if (organization) defaults.set(organization, params.add(caller.organizationId, 'bigint'));
    if (owner) defaults.set(owner, params.add(caller.userId, 'bigint'));
    const columns = [...new Set([...rows.flatMap((row) => [...row.keys()]), ...defaults.keys()])];
    const values = rows.map((row) => `(${columns.map((c) => row.get(c) ?? defaults.get(c) ?? 'DEFAULT').join(', ')})`);
    const inserted: Array<{ id: string }> = await this.db.query(
      `INSERT INTO ${tableName(resource.table)} (${columns.join(', ')}) VALUES ${values.join(', ')} RETURNING ${ident(resource.idColumn ?? 'id')}::text AS id`,
      params.values,
    );
    return inserted.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
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
