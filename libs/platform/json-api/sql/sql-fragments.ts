import { AttributeDefinition, AttributeType, RelationshipDefinition, ResourceDefinition, columnName } from '../resource-definition';

/** Collects query parameters and hands out `$n::type` placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

/** A quoted identifier. Names come from resource definitions (code), and are still checked. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe SQL identifier '${name}'`);
  return `"${name}"`;
}

/** `schema.table` quoted. */
export function tableName(qualified: string): string {
  return qualified.split('.').map(ident).join('.');
}

export const PG_TYPES: Record<AttributeType, string> = {
  string: 'text',
  text: 'text',
  integer: 'bigint',
  decimal: 'numeric',
  money: 'numeric',
  boolean: 'boolean',
  datetime: 'timestamptz',
  date: 'date',
  enum: 'text',
  json: 'jsonb',
};

/** The attribute's column, qualified by the table alias (none for INSERT/UPDATE targets). */
export function attributeColumn(name: string, attribute: AttributeDefinition, alias: string | null = 'r'): string {
  if (attribute.expression) return `(${attribute.expression})`;
  return qualify(alias, attribute.column ?? columnName(name));
}

function qualify(alias: string | null, column: string): string {
  return alias ? `${alias}.${ident(column)}` : ident(column);
}

/** Values leave the database already in their document form: ISO-8601 UTC, exact decimals as text. */
export function attributeSelect(name: string, attribute: AttributeDefinition, alias = 'r'): string {
  const column = attributeColumn(name, attribute, alias);
  switch (attribute.type) {
    case 'datetime':
      return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
    case 'date':
      return `to_char(${column}, 'YYYY-MM-DD')`;
    case 'decimal':
    case 'money':
      return `${column}::text`;
    default:
      return column;
  }
}

export function idColumn(resource: ResourceDefinition, alias = 'r'): string {
  return `${alias}.${ident(resource.idColumn ?? 'id')}`;
}

/** The to-one relationship's column (or expression), qualified by the table alias. */
export function toOneColumn(name: string, rel: Pick<RelationshipDefinition, 'column' | 'expression'>, alias: string | null = 'r'): string {
  if (rel.expression) return `(${rel.expression})`;
  return qualify(alias, rel.column ?? `${columnName(name)}_id`);
}

/** Escapes LIKE wildcards so that a user's `%` or `_` matches itself. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
