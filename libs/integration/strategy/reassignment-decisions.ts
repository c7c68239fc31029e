/**
 * Where a strategy puts each child customer (domain §4.3, Oro's AssignRootStrategy / AssignEachStrategy), decided from
 * the customers' current links alone: moves to existing accounts, and customers that need a new account of their own.
 */
import type { CustomerView } from '../../contracts/commerce';
import type { CustomerLink } from '../customer-accounts/customer-batch-linker';

export interface Move {
  customerId: string;
  to: string;
  /** Record the account the customer leaves as its previous one (a switch to root), for `each` to restore. */
  remember: boolean;
}

export interface Decisions {
  moves: Move[];
  /** Customers that get a new account named after them. */
  fresh: Array<{ customer: CustomerView; remember: boolean }>;
}

/** root: every linked child to its root's account, or to a new one named after it when the root has none. */
export function towardsRootAccounts(children: CustomerView[], links: Map<string, CustomerLink>, remember: boolean): Decisions {
  const decisions: Decisions = { moves: [], fresh: [] };
  for (const c of children) {
    const link = links.get(c.id);
    if (!link) continue;
    const rootAccount = links.get(c.rootId)?.account;
    if (!rootAccount) decisions.fresh.push({ customer: c, remember });
    else if (rootAccount !== link.account) decisions.moves.push({ customerId: c.id, to: rootAccount, remember });
  }
  return decisions;
}

/** The previous account a child could go back to: one that differs from both its current account and its root's. */
function restorable(c: CustomerView, links: Map<string, CustomerLink>): string | null {
  const link = links.get(c.id);
  const rootAccount = links.get(c.rootId)?.account;
  return link?.previous && link.previous !== link.account && link.previous !== rootAccount ? link.previous : null;
}

/** The previous accounts `each` would restore, to ask CRM which still exist. */
export function restorableAccounts(children: CustomerView[], links: Map<string, CustomerLink>): string[] {
  return [...new Set(children.map((c) => restorable(c, links)).filter((p): p is string => p !== null))];
}

/**
 * each: a child goes back to its previous account when that still exists (`existing`), keeps an account of its own,
 * or gets a new one when it shares its root's.
 */
export function towardsOwnAccounts(children: CustomerView[], links: Map<string, CustomerLink>, existing: ReadonlySet<string>): Decisions {
  const decisions: Decisions = { moves: [], fresh: [] };
  for (const c of children) {
    const link = links.get(c.id);
    if (!link) continue;
    const previous = restorable(c, links);
    if (previous && existing.has(previous)) decisions.moves.push({ customerId: c.id, to: previous, remember: false });
    else if (link.account === links.get(c.rootId)?.account) decisions.fresh.push({ customer: c, remember: false });
  }
  return decisions;
}
