import type { ResourceLookup } from '../query/list-query';
import type { ResourceDefinition } from '../resource-definition';

/** Where a to-many relationship is stored: a table with a column pointing to the owner (`from`) and one to the target (`to`). */
export interface ToManySource {
  table: string;
  from: string;
  to: string;
}

/** A join table, or the target's own table pointing back to the owner (children → parent). */
export function toManySource(resource: ResourceDefinition, name: string, lookup: ResourceLookup): ToManySource {
  const rel = resource.relationships![name];
  if (rel.through) return rel.through;
  return { table: lookup(rel.type)!.table, from: rel.inverseColumn!, to: 'id' };
}
