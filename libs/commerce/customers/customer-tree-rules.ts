/** The no-cycle rules of the customer tree (Oro's CircularCustomerReference, domain §2.2), without I/O. */
import { BusinessRuleViolation } from '../../platform';

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

/**
 * The path the customer will have under `parentId`, after checking that the parent is neither the customer itself nor
 * one of its descendants. `customer` is null for a customer being created.
 */
export function pathUnder(customer: { id: string | null; name: string }, parent: TreeNode | null): string[] {
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
export function checkChildren(customer: { id: string | null; name: string }, ancestorsAndSelf: string[], children: TreeNode[]): void {
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
