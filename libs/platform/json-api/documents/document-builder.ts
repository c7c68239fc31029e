import type { Caller } from '../caller';
import type { ResourceLookup } from '../query/list-query';
import type { ResourceDefinition } from '../resource-definition';
import type { RecordReader, ResourceRow } from '../sql/record-reader';
import { relationshipLinks } from '../to-many-linkage';

export interface ResourceObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships: Record<string, RelationshipObject>;
  meta?: Record<string, unknown>;
  links?: { self: string };
}

/** A to-many cut at `TO_MANY_LINKAGE_LIMIT` says so (`meta.hasMore`) and links to the rest. */
export interface RelationshipObject {
  data: Identifier | Identifier[] | null;
  meta?: { hasMore: true };
  links?: { self: string; related: string };
}

export interface Identifier {
  type: string;
  id: string;
}

export interface DocumentOptions {
  include: string[];
  fields: Record<string, string[]>;
  meta: string[];
}

type IncludeTree = Map<string, IncludeTree>;

/**
 * Turns rows into JSON:API resource objects and resolves `include` level by level: one query per relationship and
 * level for the whole page, never one per record. Included records go through the same visibility scope as any read,
 * so one the caller may not see is simply left out.
 */
export class DocumentBuilder {
  constructor(
    private readonly reader: RecordReader,
    private readonly lookup: ResourceLookup,
    private readonly basePath: string,
    /** Storefront: linkage shows only records the caller may see (no id of another company leaks through it). */
    private readonly linkageVisibleOnly = false,
  ) {}

  async build(resource: ResourceDefinition, rows: ResourceRow[], options: DocumentOptions, caller: Caller) {
    const tree = includeTree(options.include);
    const data = this.objects(resource, rows, options, tree);
    const included = new Map<string, ResourceObject>();
    const seen = new Set(data.map((o) => `${o.type}:${o.id}`));
    if (this.linkageVisibleOnly) await this.hideInvisibleLinkage(data, caller);
    await this.expand(data, tree, options, caller, included, seen);
    if (this.linkageVisibleOnly) await this.hideInvisibleLinkage([...included.values()], caller);
    return { data, included: [...included.values()] };
  }

  /** Drops from the objects' relationships the identifiers of records the caller may not see (one query per type). */
  private async hideInvisibleLinkage(objects: ResourceObject[], caller: Caller): Promise<void> {
    const idsByType = new Map<string, Set<string>>();
    for (const object of objects) {
      for (const { data } of Object.values(object.relationships)) {
        for (const identifier of [data].flat()) {
          if (identifier) idsByType.set(identifier.type, (idsByType.get(identifier.type) ?? new Set()).add(identifier.id));
        }
      }
    }
    const visible = new Set<string>();
    for (const [type, ids] of idsByType) {
      const target = this.lookup(type);
      if (!target) continue;
      for (const row of await this.reader.byIds(target, [...ids], caller, { fields: [] })) visible.add(`${type}:${row.id}`);
    }
    const shown = (identifier: Identifier) => visible.has(`${identifier.type}:${identifier.id}`);
    for (const object of objects) {
      for (const relationship of Object.values(object.relationships)) {
        const data = relationship.data;
        relationship.data = Array.isArray(data) ? data.filter(shown) : data && shown(data) ? data : null;
      }
    }
  }

  private async expand(
    objects: ResourceObject[],
    tree: IncludeTree,
    options: DocumentOptions,
    caller: Caller,
    included: Map<string, ResourceObject>,
    seen: Set<string>,
  ): Promise<void> {
    for (const [name, subtree] of tree) {
      // Ids per target type (several for a polymorphic to-one), each type read once for the whole level.
      const idsByType = new Map<string, Set<string>>();
      for (const object of objects) {
        const data = object.relationships[name]?.data;
        for (const identifier of [data].flat()) {
          if (!identifier) continue;
          if (!idsByType.has(identifier.type)) idsByType.set(identifier.type, new Set());
          idsByType.get(identifier.type)!.add(identifier.id);
        }
      }
      for (const [type, ids] of idsByType) {
        const target = this.lookup(type);
        if (!target) continue;
        const targetRows = await this.reader.byIds(target, [...ids], caller, { withTitle: options.meta.includes('title') });
        // A deeper path continues only through the types that have it.
        const targetTree = new Map([...subtree].filter(([next]) => target.relationships?.[next]));
        const targetObjects = this.objects(target, targetRows, options, targetTree);
        for (const object of targetObjects) {
          const key = `${object.type}:${object.id}`;
          if (!seen.has(key)) included.set(key, object);
          seen.add(key);
        }
        if (targetTree.size > 0) await this.expand(targetObjects, targetTree, options, caller, included, seen);
      }
    }
  }

  /** Resource objects for rows of one type, with the sparse fields asked for (relationships needed by include kept). */
  private objects(resource: ResourceDefinition, rows: ResourceRow[], options: DocumentOptions, tree: IncludeTree) {
    const fields = options.fields[resource.type];
    const shown = (name: string) => !fields || fields.includes(name);
    const relationships = Object.entries(resource.relationships ?? {});
    return rows.map((row): ResourceObject => {
      const object: ResourceObject = {
        type: resource.type,
        id: row.id,
        attributes: Object.fromEntries(Object.entries(row.attributes).filter(([name]) => shown(name))),
        relationships: {},
      };
      for (const [name, rel] of relationships) {
        if (!shown(name) && !tree.has(name)) continue;
        if (rel.cardinality === 'one') {
          object.relationships[name] = { data: row.toOne[name] ? { type: row.toOneTypes?.[name] ?? rel.type, id: row.toOne[name]! } : null };
          continue;
        }
        object.relationships[name] = {
          data: (row.toMany[name] ?? []).map((id) => ({ type: rel.type, id })),
          ...(row.toManyHasMore?.includes(name) ? { meta: { hasMore: true }, links: relationshipLinks(this.basePath, resource.type, row.id, name) } : {}),
        };
      }
      if (options.meta.includes('title') && 'title' in row) object.meta = { title: row.title ?? null };
      object.links = { self: `${this.basePath}/${resource.type}/${row.id}` };
      return object;
    });
  }
}

function includeTree(paths: string[]): IncludeTree {
  const root: IncludeTree = new Map();
  for (const path of paths) {
    let node = root;
    for (const segment of path.split('.')) {
      if (!node.has(segment)) node.set(segment, new Map());
      node = node.get(segment)!;
    }
  }
  return root;
}
