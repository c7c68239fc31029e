/**
 * Which filters a resource accepts: the one table both the query parser (what a request may ask) and the OpenAPI
 * generator (what the description promises) read, so the two cannot disagree.
 */
import {
  acceptsRanges,
  filterOperators,
  type AttributeDefinition,
  type FilterOperator,
  type ResourceDefinition,
} from '../resource-definition';
import type { FilterCondition, ResourceLookup } from './list-query';

/** Numeric ids compare and take ranges like numbers. */
const ID_OPERATORS: readonly FilterOperator[] = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'];
/** Text ids (fixed keys such as `1_of_5`) compare by equality only. */
const TEXT_ID_OPERATORS: readonly FilterOperator[] = ['eq', 'neq'];
const RELATIONSHIP_OPERATORS: readonly FilterOperator[] = ['eq', 'neq', 'exists'];

/** The values one filter takes: ids of the resource or a related one, or values of an attribute. */
export type FilterValueKind = { kind: 'id' } | { kind: 'text-id' } | { kind: 'attribute'; attribute: AttributeDefinition };

export interface FilterField {
  name: string;
  target: FilterCondition['target'];
  operators: readonly FilterOperator[];
  value: FilterValueKind;
  /** Comma-separated alternatives are accepted (otherwise a comma is part of the value). */
  lists: boolean;
  /** `eq`/`neq` accept inclusive ranges `a..b`. */
  ranges: boolean;
  /** For relationships: the related type and whether several are related. */
  related?: { type: string; many: boolean };
}

/** The filter on `name` of the resource, or undefined when there is none. */
export function filterField(name: string, resource: ResourceDefinition, resolve: ResourceLookup): FilterField | undefined {
  if (name === 'id') {
    return resource.idType === 'text'
      ? { name, target: 'id', operators: TEXT_ID_OPERATORS, value: { kind: 'text-id' }, lists: true, ranges: false }
      : { name, target: 'id', operators: ID_OPERATORS, value: { kind: 'id' }, lists: true, ranges: true };
  }
  const attribute = Object.hasOwn(resource.attributes, name) ? resource.attributes[name] : undefined;
  if (attribute !== undefined) {
    const operators = filterOperators(attribute);
    if (operators.length === 0) return undefined;
    const ranges = acceptsRanges(attribute.type);
    const lists = ranges || attribute.type === 'enum' || (attribute.type !== 'boolean' && attribute.filterLists === true);
    return { name, target: 'attribute', operators, value: { kind: 'attribute', attribute }, lists, ranges };
  }
  const relationship = Object.hasOwn(resource.relationships ?? {}, name) ? resource.relationships![name] : undefined;
  if (relationship?.filter !== true) return undefined;
  // A relationship to a list with text ids (a dictionary such as `opportunitystatuses`) filters by those ids.
  const textIds = relationship.cardinality === 'one' && resolve(relationship.type)?.idType === 'text';
  return {
    name,
    target: 'relationship',
    operators: RELATIONSHIP_OPERATORS,
    value: textIds ? { kind: 'text-id' } : { kind: 'id' },
    lists: true,
    ranges: false,
    related: { type: relationship.type, many: relationship.cardinality === 'many' },
  };
}

/** Every filter of the resource: `id`, then its attributes, then its relationships. */
export function filterFields(resource: ResourceDefinition, resolve: ResourceLookup): FilterField[] {
  const names = ['id', ...Object.keys(resource.attributes), ...Object.keys(resource.relationships ?? {})];
  return names.map((name) => filterField(name, resource, resolve)).filter((field): field is FilterField => field !== undefined);
}
