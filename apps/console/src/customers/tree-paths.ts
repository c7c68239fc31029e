/** A customer as the tree shows it. */
export interface TreeCustomer {
  id: string;
  name: string;
  parentId: string | null;
  /** Undefined when the server did not say (the node then offers to expand and finds out). */
  hasChildren?: boolean;
}

/** Reads customers by id (one request per call). */
export type CustomersById = (ids: string[]) => Promise<TreeCustomer[]>;

/** How many levels up a search climbs at most (a guard against a broken tree, far above any real depth). */
const MAX_DEPTH = 64;

/**
 * The paths from the roots down to each search hit: the hits' ancestors read level by level (one request per level
 * for all hits together). Answers every node on those paths by id, and the ids to open (the ancestors of the hits).
 */
export async function pathsToHits(hits: TreeCustomer[], byId: CustomersById): Promise<{ nodes: Map<string, TreeCustomer>; open: Set<string> }> {
  const nodes = new Map(hits.map((hit) => [hit.id, hit]));
  const open = new Set<string>();
  let wanted = hits.map((hit) => hit.parentId);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const missing = [...new Set(wanted.filter((id): id is string => id !== null && !nodes.has(id)))];
    for (const id of wanted) if (id !== null) open.add(id);
    if (missing.length === 0) break;
    const parents = await byId(missing);
    for (const parent of parents) nodes.set(parent.id, parent);
    wanted = parents.map((parent) => parent.parentId);
  }
  return { nodes, open };
}

/**
 * A node's children as shown: the page the server gave, plus the nodes a search put on the way to a hit that the page
 * did not hold (a big parent's children are paged), in name order.
 */
export function shownChildren(parentId: string | null, loaded: readonly TreeCustomer[], pinned: ReadonlyMap<string, TreeCustomer>): TreeCustomer[] {
  const ids = new Set(loaded.map((c) => c.id));
  const extra = [...pinned.values()].filter((c) => c.parentId === parentId && !ids.has(c.id));
  if (extra.length === 0) return [...loaded];
  return [...loaded, ...extra].sort((a, b) => a.name.localeCompare(b.name));
}
