import { Injectable } from '@nestjs/common';
import { BusinessRuleViolation } from '../../platform';
import { LifetimeRecomputation } from '../lifetime/lifetime-recomputation';
import { CommerceStore } from '../shared/commerce-store';
import { MOVE_SUBTREE_SQL } from './customer-tree.sql';

/** Oro's title of the hierarchy refusals (CircularCustomerReference). */
const CIRCULAR = 'circular customer reference constraint';

/** A customer as the hierarchy rules see it. */
export interface TreeNode {
  id: string;
  name: string;
  parentId: string | null;
  /** Ids from the root down to the customer itself. */
  path: string[];
}

/** A customer whose parent changed, for its `CustomerUpdated` event. */
export interface Move {
  id: string;
  name: string;
  oldParentId: string | null;
  newParentId: string | null;
}

/**
 * The customer tree of an organization: the no-cycle rules (Oro's CircularCustomerReference, §2.2) and the moves that
 * keep every `path` right. Changes are serialized per organization by `lock()`, which must come before the rules read
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

  /**
   * The path the customer will have under `parentId`, after checking that the parent is neither the customer itself nor
   * one of its descendants. `customer` is null for a customer being created.
   */
  pathUnder(customer: { id: string | null; name: string }, parent: TreeNode | null): string[] {
    if (!parent) return customer.id ? [customer.id] : [];
    if (customer.id === parent.id) {
      throw new BusinessRuleViolation(`Circular reference detected. '${customer.name}' cannot be its own parent.`, { relationship: 'parent', constraint: CIRCULAR });
    }
    if (customer.id && parent.path.includes(customer.id)) {
      throw new BusinessRuleViolation(
        `Circular reference detected. '${parent.name}' cannot be a parent of '${customer.name}' because it is its child.`,
        { relationship: 'parent', constraint: CIRCULAR },
      );
    }
    return customer.id ? [...parent.path, customer.id] : parent.path;
  }

  /** A customer's new children must not be the customer itself, its (new) parent or any of its ancestors. */
  checkChildren(customer: { id: string | null; name: string }, ancestorsAndSelf: string[], children: TreeNode[]): void {
    for (const child of children) {
      if (child.id === customer.id) {
        throw new BusinessRuleViolation(`Circular reference detected. '${customer.name}' cannot be its own parent.`, { relationship: 'children', constraint: CIRCULAR });
      }
      if (ancestorsAndSelf.includes(child.id)) {
        throw new BusinessRuleViolation(
          `Circular reference detected. '${child.name}' cannot be a child of '${customer.name}' because it is its parent.`,
          { relationship: 'children', constraint: CIRCULAR },
        );
      }
    }
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
