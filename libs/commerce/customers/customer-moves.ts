import { CustomerUpdated } from '../../contracts/commerce';
import { BusinessRuleViolation } from '../../platform';
import type { Move, TreeNode } from './customer-hierarchy';

/** The `CustomerUpdated` event of a customer whose parent changed through another customer's `children`. */
export function movedEvent(organizationId: string) {
  return (move: Move) => new CustomerUpdated(move.id, organizationId, move.oldParentId, move.newParentId, move.name, move.name);
}

/** A customer a request points to (already checked to be visible, so its absence means it was deleted meanwhile). */
export function requireNode(nodes: Map<string, TreeNode>, id: string, relationship: string): TreeNode {
  const node = nodes.get(id);
  if (!node) throw new BusinessRuleViolation('The entity does not exist.', { relationship });
  return node;
}

/** The distinct ids of a to-many relationship value, in their first order. */
export function distinctIds(value: string | null | string[] | undefined): string[] | undefined {
  return Array.isArray(value) ? [...new Set(value)] : undefined;
}
