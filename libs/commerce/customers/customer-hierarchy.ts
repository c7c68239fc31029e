import { Injectable } from '@nestjs/common';
import { LifetimeRecomputation } from '../lifetime/lifetime-recomputation';
import { CommerceStore } from '../shared/commerce-store';
import { MOVE_SUBTREE_SQL } from './customer-tree.sql';
import type { TreeNode } from './customer-tree-rules';

export type { TreeNode } from './customer-tree-rules';

/** A customer whose parent changed, for its `CustomerUpdated` event. */
export interface Move {
  id: string;
  name: string;
  oldParentId: string | null;
  newParentId: string | null;
}

/**
 * The customer tree of an organization: the moves that keep every `path` right (the no-cycle rules are in
 * `customer-tree-rules.ts`). Changes are serialized per organization by `lock()`, which must come before the rules read
 * the tree, so that two concurrent moves (A under B, B under A) cannot both pass their checks.
 */
@Injectable()
export class CustomerHierarchy {
  constructor(
    private readonly store: CommerceStore,
    private readonly lifetime: LifetimeRecomputation,
  ) {}

  /** Held until the transaction ends. */
  async lock(organizationId: string): Promise<void> {
    await this.store.query(`SELECT pg_advisory_xact_lock(hashtextextended('commerce.customer-tree', $1::bigint))`, [organizationId]);
  }

  async nodes(organizationId: string, ids: string[]): Promise<Map<string, TreeNode>> {
    const rows: TreeNode[] = ids.length
      ? await this.store.query(
          `SELECT id::text AS id, name, parent_id::text AS "parentId", path::text[] AS path
           FROM commerce.customer WHERE organization_id = $1 AND id = ANY($2::bigint[])`,
          [organizationId, ids],
        )
      : [];
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Sets the path of a customer that was just inserted under its parent (or as a root). */
  async placeNew(customerId: string): Promise<void> {
    await this.store.query(
      `UPDATE commerce.customer c
       SET path = coalesce((SELECT p.path FROM commerce.customer p WHERE p.id = c.parent_id), '{}') || c.id
       WHERE c.id = $1`,
      [customerId],
    );
  }

  /**
   * Moves a customer with its whole subtree under `parentPath` (the new parent's path, empty for a root): one
   * set-based UPDATE replaces the moved prefix of every path in the subtree (found through the GIN index). When the
   * moved subtree has a value, the old and new ancestors go on the lifetime waiting list: their subtree values lose or
   * gain it. (Read after the UPDATE, which waits for a recomputation holding the subtree's rows: a value it wrote is
   * seen; a payment still waiting will reach the new ancestors through its own run.)
   */
  async move(organizationId: string, node: TreeNode, parentPath: string[]): Promise<void> {
    const parentId = parentPath.length ? parentPath[parentPath.length - 1] : null;
    await this.store.query(MOVE_SUBTREE_SQL, [organizationId, node.id, parentPath, node.path.length, parentId]);
    const [moved] = await this.store.query(`SELECT 1 FROM commerce.customer WHERE id = $1 AND subtree_lifetime_sales_value <> 0`, [node.id]);
    if (moved) await this.lifetime.recompute([...node.path.slice(0, -1), ...parentPath]);
  }

  /**
   * Makes exactly `childIds` the children of the customer at `customerPath` (checked beforehand): new ones move under
   * it with their subtrees, former ones not listed become roots. Returns the moves.
   */
  async replaceChildren(organizationId: string, customerPath: string[], childIds: string[]): Promise<Move[]> {
    const customerId = customerPath[customerPath.length - 1];
    const former: Array<{ id: string }> = await this.store.query(
      `SELECT id::text AS id FROM commerce.customer WHERE parent_id = $1 ORDER BY id`,
      [customerId],
    );
    const leaving = former.map((f) => f.id).filter((id) => !childIds.includes(id));
    const arriving = childIds.filter((id) => !former.some((f) => f.id === id));
    const moves: Move[] = [];
    for (const [ids, parentPath] of [
      [leaving, []],
      [arriving, customerPath],
    ] as const) {
      for (const id of ids) {
        // Re-read each time: an earlier move in this loop may have changed this customer's path.
        const node = (await this.nodes(organizationId, [id])).get(id)!;
        await this.move(organizationId, node, [...parentPath]);
        moves.push({ id, name: node.name, oldParentId: node.parentId, newParentId: parentPath.length ? customerId : null });
      }
    }
    return moves;
  }
}
