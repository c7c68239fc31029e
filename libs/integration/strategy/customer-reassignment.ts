import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CountCustomers, CustomerView, ListCustomers } from '../../contracts/commerce';
import { MoveCustomerAssociations } from '../../contracts/crm';
import { IntegrationStore } from '../shared/integration-store';
import { AccountCommerceTotals } from '../customer-accounts/account-commerce-totals';
import { CustomerBatchLinker } from '../customer-accounts/customer-batch-linker';
import { linkGuard } from '../customer-accounts/link-guard';
import { PendingAccountTotals } from '../lifetime/pending-account-totals';
import type { CustomerAccountStrategy } from './integration.settings';

/** Which links a reassignment looks at: an organization's links by customer id (after, upto], or these customers. */
export type ReassignmentScope = { after: string; upto: string } | { customers: CustomerView[] };

/** Contract queries take at most this many customers. */
const PAGE = 10_000;

/** A customer given an account: the one it joined (and, for a new account, the one it left). */
interface Placed {
  customer: string;
  joined: string;
}

/**
 * Puts customers where a strategy wants them (domain §4.3, Oro's AssignRootStrategy / AssignEachStrategy) with a few
 * set-based statements over the module's own links, which know each customer's root: the decisions are made in SQL,
 * the CRM identities follow in one bulk command, and the accounts left and joined are put on the waiting list of
 * totals (recorded from their links in the background). A strategy switch to "root" records the account a customer
 * leaves as its previous one, which "each" restores; following a re-parenting does not (the previous account stays the
 * customer's own).
 * - root: a root keeps its account; any other customer goes to its root's account (a new one named after the customer
 *   when the root has none).
 * - each: a root keeps its account; a child goes back to its previous account when that differs from both its current
 *   and its root's (and still exists), keeps an account of its own, or gets a new one when it shares its root's.
 * Locks: the link guard, then the organization's totals lock, both exclusively, as every writer of links takes them
 * (in that order, before any account's lock): concurrent deliveries of values and moves wait for the batch.
 */
@Injectable()
export class CustomerReassignment {
  constructor(
    private readonly store: IntegrationStore,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly linker: CustomerBatchLinker,
    private readonly totals: AccountCommerceTotals,
    private readonly pending: PendingAccountTotals,
  ) {}

  /** Reassigns the customers in scope; returns how many changed account. */
  async apply(organizationId: string, strategy: CustomerAccountStrategy, scope: ReassignmentScope, rememberPrevious: boolean): Promise<number> {
    await this.lock(organizationId);
    const where = 'customers' in scope ? await this.takeCustomers(organizationId, scope.customers) : await this.takeRange(organizationId, scope);
    const decided = strategy === 'root' ? await this.move(where, TOWARDS_ROOTS, rememberPrevious) : await this.move(where, TOWARDS_OWN, false);
    const moved = decided.filter((d) => d.joined !== null);
    const kept = await this.followInCrm(organizationId, moved);
    // Under "each", a child left on its root's account (its previous one is gone) needs one of its own.
    const homeless = decided.filter((d) => d.joined === null || (strategy === 'each' && kept.has(d.association) && d.left === d.rootAccount));
    const fresh = await this.withNewAccounts(organizationId, homeless, strategy === 'root' && rememberPrevious);
    await this.pending.request(organizationId, [...fresh.map((p) => p.left), ...fresh.map((p) => p.joined)]);
    if (moved.length > 0) await this.pending.requested(organizationId);
    return moved.length - kept.size + fresh.length;
  }

  /**
   * Links the organization's customers that have no account yet (as the strategy in force says), when it has any: the
   * counts of its customers and of its links differ. Returns how many it linked.
   */
  async linkUnlinked(organizationId: string): Promise<number> {
    await this.lock(organizationId);
    const [counted] = await this.queries.execute(new CountCustomers(organizationId));
    const [{ n }] = await this.store.query(`SELECT count(*)::int AS n FROM integration.customer_account WHERE organization_id = $1`, [organizationId]);
    if ((counted?.count ?? 0) === n) return 0;
    let linked = 0;
    for (let after: string | null = null, size = PAGE; size === PAGE; ) {
      const page: CustomerView[] = await this.queries.execute(new ListCustomers(organizationId, after, PAGE));
      linked += await this.linker.link(organizationId, page);
      size = page.length;
      after = page.at(-1)?.id ?? after;
    }
    return linked;
  }

  private async lock(organizationId: string): Promise<void> {
    await linkGuard.exclusive(this.store);
    await this.totals.lockOrganization(organizationId);
  }

  /** Customers given with their views (a re-parented subtree): linked if they were not, their roots as they are now. */
  private async takeCustomers(organizationId: string, customers: CustomerView[]): Promise<Scope> {
    await this.linker.link(organizationId, customers);
    await this.rememberRoots(customers);
    return { organizationId, sql: `l.customer_id = ANY($2::bigint[])`, parameters: [customers.map((c) => c.id)] };
  }

  /** A range of links; those made before links knew their roots learn them from Commerce first. */
  private async takeRange(organizationId: string, { after, upto }: { after: string; upto: string }): Promise<Scope> {
    const scope = { organizationId, sql: `l.customer_id > $2::bigint AND l.customer_id <= $3::bigint`, parameters: [after, upto] };
    const unknown: Array<{ id: string }> = await this.store.query(
      `SELECT customer_id::text AS id FROM integration.customer_account l WHERE l.organization_id = $1 AND ${scope.sql} AND l.root_customer_id IS NULL`,
      [organizationId, ...scope.parameters],
    );
    for (let i = 0; i < unknown.length; i += PAGE) {
      const ids = unknown.slice(i, i + PAGE).map((r) => r.id);
      await this.rememberRoots(await this.queries.execute(new ListCustomers(organizationId, null, ids.length, ids)));
    }
    return scope;
  }

  /** Keeps the customers' roots on their links. */
  async rememberRoots(customers: CustomerView[]): Promise<void> {
    if (customers.length === 0) return;
    await this.store.query(
      `UPDATE integration.customer_account l SET root_customer_id = v.root
       FROM unnest($1::bigint[], $2::bigint[]) v(customer, root)
       WHERE l.customer_id = v.customer AND l.customer_id = ANY($1::bigint[]) AND l.root_customer_id IS DISTINCT FROM v.root`,
      [customers.map((c) => c.id), customers.map((c) => c.rootId)],
    );
  }

  /**
   * Moves the children in scope where `placement` says, and puts both accounts of each move on the waiting list of
   * totals, in one statement; returns the children it moved and those it found no account for (`joined` null).
   */
  private move(scope: Scope, placement: Placement, remember: boolean): Promise<Decided[]> {
    const n = scope.parameters.length + 2;
    return this.store.query(
      `WITH decided AS (
         SELECT l.customer_id, l.association_id, l.account_id AS left_account, l.previous_account_id AS left_previous,
                r.account_id AS root_account, ${placement.joined} AS joined
         FROM integration.customer_account l LEFT JOIN integration.customer_account r ON r.customer_id = l.root_customer_id
         WHERE l.organization_id = $1 AND ${scope.sql} AND l.root_customer_id <> l.customer_id AND (${placement.joined} IS NOT NULL OR ${placement.homeless})),
       moved AS (
         UPDATE integration.customer_account l SET account_id = d.joined,
                previous_account_id = CASE WHEN $${n}::boolean THEN d.left_account ELSE l.previous_account_id END
         FROM decided d WHERE l.customer_id = d.customer_id AND d.joined IS NOT NULL AND l.organization_id = $1 AND ${scope.sql}),
       queued AS (${PendingAccountTotals.insert(`SELECT left_account FROM decided WHERE joined IS NOT NULL UNION SELECT joined FROM decided WHERE joined IS NOT NULL`)})
       SELECT customer_id::text AS customer, association_id::text AS association, left_account::text AS "left",
              left_previous::text AS "leftPrevious", root_account::text AS "rootAccount", joined::text AS joined
       FROM decided`,
      [scope.organizationId, ...scope.parameters, remember],
    );
  }

  /**
   * CRM moves the customers' identities along (by association id, which the links keep). A link whose new account no
   * longer exists in CRM goes back to where it was; returns the associations CRM left where they were.
   */
  private async followInCrm(organizationId: string, moved: Decided[]): Promise<Set<string>> {
    if (moved.length === 0) return new Set();
    const kept: string[] = await this.commands.execute(
      new MoveCustomerAssociations(organizationId, moved.map((m) => m.association), moved.map((m) => m.joined!)),
    );
    const left = new Set(kept);
    if (left.size === 0) return left;
    const back = moved.filter((m) => left.has(m.association));
    await this.store.query(
      `UPDATE integration.customer_account l SET account_id = v.account, previous_account_id = v.previous
       FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) v(customer, account, previous) WHERE l.customer_id = v.customer AND l.customer_id = ANY($1::bigint[])`,
      [back.map((m) => m.customer), back.map((m) => m.left), back.map((m) => m.leftPrevious)],
    );
    return left;
  }

  /**
   * Children that need an account of their own get a new one named after them (root: their root has none; each: they
   * still share their root's), which CRM points their identities at.
   */
  private async withNewAccounts(organizationId: string, homeless: Decided[], remember: boolean): Promise<Array<Placed & { left: string }>> {
    if (homeless.length === 0) return [];
    const left = new Map(homeless.map((h) => [h.customer, h.left]));
    const placed: Array<Placed & { left: string }> = [];
    for (let i = 0; i < homeless.length; i += PAGE) {
      const ids = homeless.slice(i, i + PAGE).map((h) => h.customer);
      const customers: CustomerView[] = await this.queries.execute(new ListCustomers(organizationId, null, ids.length, ids));
      const created = await this.linker.createAccounts(organizationId, customers);
      placed.push(...created.map((c) => ({ customer: c.targetId, left: left.get(c.targetId)!, joined: c.accountId })));
    }
    await this.store.query(
      `UPDATE integration.customer_account l SET account_id = v.account,
              previous_account_id = CASE WHEN $3::boolean THEN l.account_id ELSE l.previous_account_id END
       FROM unnest($1::bigint[], $2::bigint[]) v(customer, account) WHERE l.customer_id = v.customer AND l.customer_id = ANY($1::bigint[])`,
      [placed.map((p) => p.customer), placed.map((p) => p.joined), remember],
    );
    return placed;
  }
}

/** How a strategy places a child: the account it joins (null: none chosen), and when it then needs a new one. */
interface Placement {
  joined: string;
  homeless: string;
}
/** root: a child whose root's account differs joins it; a child whose root has none gets a new one. */
const TOWARDS_ROOTS: Placement = { joined: `CASE WHEN r.account_id <> l.account_id THEN r.account_id END`, homeless: `r.customer_id IS NULL` };
/**
 * each: a child goes back to its previous account when that differs from both its current and its root's (CRM tells
 * whether it still exists); a child still sharing its root's gets a new one.
 */
const TOWARDS_OWN: Placement = {
  joined: `CASE WHEN l.previous_account_id <> l.account_id AND l.previous_account_id IS DISTINCT FROM r.account_id THEN l.previous_account_id END`,
  homeless: `l.account_id = r.account_id`,
};

/** A child the move looked at: where it was (and what it remembered), its root's account, where it goes (null: a new account). */
interface Decided {
  customer: string;
  association: string;
  left: string;
  leftPrevious: string | null;
  rootAccount: string | null;
  joined: string | null;
}

/** The links a statement works on: `sql` names them as `l`, with `parameters` from `$2` on (`$1`: the organization). */
interface Scope {
  organizationId: string;
  sql: string;
  parameters: unknown[];
}
