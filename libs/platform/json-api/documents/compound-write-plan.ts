import { Constraint } from '../../errors/constraint';
import { JsonApiErrorObject, JsonApiException } from '../json-api-exception';
import { type RelationshipDefinition, type ResourceDefinition, columnName } from '../resource-definition';

/** One resource object of a compound write: a primary record (`data`) or an included one. */
export interface WriteItem {
  resource: ResourceDefinition;
  /** The resource object as the client sent it. */
  object: Record<string, unknown>;
  /** Where it is in the body: `/data`, `/data/3`, `/included/0`. */
  pointer: string;
  primary: boolean;
  /** An existing record to update (`meta.update`, or the primary of a PATCH). */
  update: boolean;
  /** The client's id: a stored id (updates, upserts) or a temporary one that other items of the body refer to. */
  clientId?: string;
  /** `meta` of the write (`upsert`). */
  meta?: unknown;
  /** A new record whose client id is only a temporary one (included records, non-numeric ids in a batch). */
  temporaryId?: boolean;
}

/** One write of the plan: the item and the resource object to write for it (relationships adjusted). */
export interface WriteStep {
  item: WriteItem;
  object: Record<string, unknown>;
}

export interface CompoundWritePlan {
  /** In an order where every record is written after the new records it points to. */
  steps: WriteStep[];
  /** Relationships that close a cycle between new records: set by an update once every record exists. */
  deferred: WriteStep[];
  /** Whether an item's client id is a temporary id (referred to by another item, to be replaced by the stored id). */
  referenced: Set<WriteItem>;
}

/**
 * The id other items use for an item: the client's, or (for a primary record sent without one, which new included
 * records must point back to) one no client can send.
 */
export function temporaryIdOf(item: WriteItem): string {
  return item.clientId ?? `\u0000${item.pointer}`;
}

/** The identity of an item in a body: `customers:c1`. */
export function itemKey(type: string, id: string): string {
  return `${type}:${id}`;
}

const DETAIL_NOT_LINKED = {
  one: 'The entity should have a relationship with the primary entity and this should be explicitly specified in the request',
  many: 'The entity should have a relationship with at least one primary entity and this should be explicitly specified in the request',
};
const DETAIL_NEW_IN_HIERARCHY = 'Creation a new include entity that can lead to a circular dependency is forbidden.';

interface Edge {
  from: WriteItem;
  relationship: string;
  to: WriteItem;
}

/**
 * Orders the records of a compound document (Oro's "create and update related entities together"):
 * - every included record must be linked, directly or through other included records, to a primary one (either may
 *   point to the other), else 400 `request data constraint` at its pointer; two items with the same type and id are
 *   refused at the second;
 * - a new included record of the primary's own type, reached through a relationship to the same type (a parent or a
 *   child in a hierarchy), is refused (`new included entity existence constraint`), as Oro does for customers;
 * - a record pointing to new records through a to-one or a join-table to-many is written after them; a to-many whose
 *   targets point back (a customer's `users`) is written by the targets: each new target gets the to-one back to the
 *   record (unless it names one itself) and is written after it;
 * - when new records point at each other in a cycle, the relationship that closes it is set afterwards by an update.
 */
export function planCompoundWrite(items: WriteItem[]): CompoundWritePlan {
  const errors: JsonApiErrorObject[] = [];
  const byKey = new Map<string, WriteItem>();
  for (const item of items) {
    if (item.clientId === undefined) continue;
    const key = itemKey(item.resource.type, item.clientId);
    const first = byKey.get(key);
    if (first) errors.push(requestData(`The item duplicates the item with the index ${first.pointer.split('/').pop()}`, item.pointer));
    else byKey.set(key, item);
  }

  const objects = new Map(items.map((item) => [item, cloneObject(item.object)]));
  const edges: Edge[] = [];
  const pointedAt = new Set<WriteItem>();
  const links = new Map<WriteItem, Set<WriteItem>>(items.map((item) => [item, new Set()]));
  for (const item of items) {
    const relationships = relationshipsOf(objects.get(item)!);
    for (const [name, value] of Object.entries(relationships)) {
      const definition = item.resource.relationships?.[name];
      if (!definition) continue;
      for (const target of linkedItems(value, byKey)) {
        if (target === item) continue;
        pointedAt.add(target);
        links.get(item)!.add(target);
        links.get(target)!.add(item);
        if (target.update) continue;
        if (!target.primary && target.resource.type === item.resource.type && definition.type === item.resource.type) {
          errors.push({ status: '400', title: Constraint.NEW_INCLUDED_ENTITY_EXISTENCE, detail: DETAIL_NEW_IN_HIERARCHY, source: { pointer: target.pointer } });
          continue;
        }
        const back = definition.inverseColumn ? backReference(target.resource, definition, item.resource.type) : undefined;
        if (back) {
          // The target stores the link: it points back to this record and is written after it.
          dropFromList(objects.get(item)!, name, target);
          const targetRelationships = relationshipsOf(objects.get(target)!, true);
          if (!(back in targetRelationships)) targetRelationships[back] = { data: { type: item.resource.type, id: temporaryIdOf(item) } };
          edges.push({ from: target, relationship: back, to: item });
          pointedAt.add(item);
        } else {
          edges.push({ from: item, relationship: name, to: target });
        }
      }
    }
  }
  // Every item reaching the primary records through links.
  const reached = new Set(items.filter((item) => item.primary));
  const queue = [...reached];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const linked of links.get(next)!) {
      if (reached.has(linked)) continue;
      reached.add(linked);
      queue.push(linked);
    }
  }
  const primaries = items.filter((item) => item.primary).length;
  for (const item of items) if (!reached.has(item)) errors.push(requestData(DETAIL_NOT_LINKED[primaries > 1 ? 'many' : 'one'], item.pointer));
  if (errors.length) throw new JsonApiException(errors);

  return { ...order(items, edges, objects), referenced: pointedAt };
}

/**
 * The records of an asynchronous batch in independent groups: each primary record with the included records linked
 * to it (records sharing an included one are one group, written together), and the included records linked to none.
 */
export function linkedGroups(items: WriteItem[]): { groups: WriteItem[][]; unlinked: WriteItem[] } {
  const byKey = new Map<string, WriteItem>();
  for (const item of items) if (item.clientId !== undefined && !byKey.has(itemKey(item.resource.type, item.clientId))) byKey.set(itemKey(item.resource.type, item.clientId), item);
  const group = new Map<WriteItem, WriteItem>(items.map((item) => [item, item]));
  const root = (item: WriteItem): WriteItem => {
    while (group.get(item) !== item) item = group.get(item)!;
    return item;
  };
  for (const item of items) {
    for (const value of Object.values(relationshipsOf(item.object))) {
      for (const target of linkedItems(value, byKey)) group.set(root(target), root(item));
    }
  }
  const groups = new Map<WriteItem, WriteItem[]>();
  for (const item of items) groups.set(root(item), [...(groups.get(root(item)) ?? []), item]);
  const all = [...groups.values()];
  return {
    groups: all.filter((members) => members.some((item) => item.primary)),
    unlinked: all.filter((members) => !members.some((item) => item.primary)).flat(),
  };
}

/** Depth-first topological order, included records first (as written before), the request order otherwise. */
function order(items: WriteItem[], edges: Edge[], objects: Map<WriteItem, Record<string, unknown>>) {
  const steps: WriteStep[] = [];
  const deferred: WriteStep[] = [];
  const state = new Map<WriteItem, 'visiting' | 'done'>();
  const visit = (item: WriteItem) => {
    state.set(item, 'visiting');
    for (const edge of edges.filter((e) => e.from === item)) {
      const seen = state.get(edge.to);
      if (seen === 'visiting') {
        // A cycle: this relationship is set once both records exist.
        const later = relationshipsOf(objects.get(item)!);
        deferred.push({ item, object: { type: item.resource.type, relationships: { [edge.relationship]: later[edge.relationship] } } });
        delete later[edge.relationship];
      } else if (!seen) visit(edge.to);
    }
    state.set(item, 'done');
    steps.push({ item, object: objects.get(item)! });
  };
  for (const item of [...items.filter((i) => !i.primary), ...items.filter((i) => i.primary)]) if (!state.has(item)) visit(item);
  return { steps, deferred };
}

/** The to-one relationship of `target` that stores the inverse to-many `definition` of a `type` record. */
function backReference(target: ResourceDefinition, definition: RelationshipDefinition, type: string): string | undefined {
  return Object.entries(target.relationships ?? {}).find(
    ([name, rel]) => rel.cardinality === 'one' && rel.type === type && !rel.expression && (rel.column ?? `${columnName(name)}_id`) === definition.inverseColumn,
  )?.[0];
}

function linkedItems(value: unknown, byKey: Map<string, WriteItem>): WriteItem[] {
  const data = isObject(value) ? value.data : undefined;
  return [data]
    .flat()
    .filter(isObject)
    .map((identifier) => (typeof identifier.type === 'string' && typeof identifier.id === 'string' ? byKey.get(itemKey(identifier.type, identifier.id)) : undefined))
    .filter((item): item is WriteItem => item !== undefined);
}

function dropFromList(object: Record<string, unknown>, name: string, target: WriteItem): void {
  const value = relationshipsOf(object)[name];
  if (!isObject(value) || !Array.isArray(value.data)) return;
  relationshipsOf(object)[name] = {
    ...value,
    data: value.data.filter((identifier) => !(isObject(identifier) && identifier.type === target.resource.type && identifier.id === target.clientId)),
  };
}

function relationshipsOf(object: Record<string, unknown>, create = false): Record<string, unknown> {
  if (!isObject(object.relationships)) {
    if (!create) return {};
    object.relationships = {};
  }
  return object.relationships as Record<string, unknown>;
}

/** A copy whose `relationships` can be changed without touching the client's body. */
function cloneObject(object: Record<string, unknown>): Record<string, unknown> {
  return isObject(object.relationships) ? { ...object, relationships: { ...object.relationships } } : { ...object };
}

function requestData(detail: string, pointer: string): JsonApiErrorObject {
  return { status: '400', title: Constraint.REQUEST_DATA, detail, source: { pointer } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
