import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CustomerView, ListCustomers } from '../../contracts/commerce';
import { CreateAccountsForCustomerIdentities, CustomerIdentityAccount, EnsureSystemChannel, MoveCustomerIdentities } from '../../contracts/crm';
import { Settings } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { AccountStrategy } from '../strategy/account-strategy';
import { AccountCommerceTotals, hasLifetime } from './account-commerce-totals';
import { COMMERCE_CHANNEL_NAME, COMMERCE_CUSTOMER } from './commerce-customer-identity';

/** A customer's link as stored: its account and the account it left for its root's (under "root"). */
export interface CustomerLink {
  account: string;
  previous: string | null;
}

/**
 * Links many customers of one organization at once (domain §4.2, decision 6): a few set-based statements and bulk CRM
 * commands per batch, never a command per customer. The caller holds `linkGuard.exclusive` for the transaction.
 */
@Injectable()
export class CustomerBatchLinker {
  constructor(
    private readonly store: IntegrationStore,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly settings: Settings,
    private readonly strategy: AccountStrategy,
    private readonly totals: AccountCommerceTotals,
  ) {}

  /**
   * Gives the customers that have no account yet theirs, as the strategy in force says: under "each" a new one each;
   * under "root" a child joins its root's account, and a root without one gets it first (even when the root is not in
   * the batch), so a tree never ends with two accounts. Records the accounts' commerce totals. Returns how many it linked.
   * `justCreated`: the candidates were created in this transaction (none is linked nor a CRM identity yet), so their
   * links are not looked up and their identities are registered without looking for registered ones.
   */
  async link(organizationId: string, candidates: CustomerView[], justCreated = false): Promise<number> {
    const links = justCreated ? null : await this.linksOf(candidates.map((c) => c.id));
    const customers = links ? candidates.filter((c) => !links.has(c.id)) : candidates;
    if (customers.length === 0) return 0;
    await this.commands.execute(new EnsureSystemChannel(organizationId, 'commerce', COMMERCE_CHANNEL_NAME));
    const rootAccounts = new Map<string, string>();
    const { owners, joiners } =
      (await this.strategy.of(organizationId)) === 'root' ? await this.planUnderRoot(organizationId, customers, rootAccounts) : { owners: customers, joiners: [] };
    // Roots outside the batch (under "root") are older customers: their identities may be registered.
    const inBatch = new Set(customers);
    const created = await this.createAccounts(organizationId, owners, justCreated && owners.every((c) => inBatch.has(c)));
    for (const c of created) rootAccounts.set(c.targetId, c.accountId);
    // Existing accounts gaining customers are locked for their totals; new ones are not known to anyone else yet.
    const isNew = new Set(created.map((c) => c.accountId));
    const existing = [...new Set(joiners.map((c) => rootAccounts.get(c.rootId)!))].filter((a) => !isNew.has(a));
    await this.totals.lock(organizationId, existing);
    const joined = await this.commands.execute(
      new MoveCustomerIdentities(organizationId, COMMERCE_CUSTOMER, joiners.map((c) => c.id), joiners.map((c) => rootAccounts.get(c.rootId)!)),
    );
    const placed = [...created, ...joined];
    const byId = new Map([...owners, ...joiners].map((c) => [c.id, c]));
    await this.store.query(
      `INSERT INTO integration.customer_account (customer_id, organization_id, account_id, association_id, lifetime_sales_value, paid_order_count, root_customer_id)
       SELECT c, $1, a, s, v, n, r FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::numeric[], $6::int[], $7::bigint[]) x(c, a, s, v, n, r)`,
      [
        organizationId,
        placed.map((p) => p.targetId),
        placed.map((p) => p.accountId),
        placed.map((p) => p.associationId),
        placed.map((p) => byId.get(p.targetId)!.lifetimeSalesValue),
        placed.map((p) => byId.get(p.targetId)!.lifetimePaidOrderCount),
        placed.map((p) => byId.get(p.targetId)!.rootId),
      ],
    );
    const valued = placed.filter((p) => hasLifetime(byId.get(p.targetId)!)).map((p) => p.accountId);
    await this.totals.record(organizationId, [...new Set(valued)]);
    return placed.length;
  }

  /**
   * Under "root": which customers get an account of their own (roots, including roots outside the batch that have
   * none yet) and which join their root's (`rootAccounts` gets the accounts roots already have).
   */
  private async planUnderRoot(organizationId: string, customers: CustomerView[], rootAccounts: Map<string, string>) {
    const inBatch = new Set(customers.map((c) => c.id));
    const rootIds = [...new Set(customers.filter((c) => c.rootId !== c.id).map((c) => c.rootId))].filter((id) => !inBatch.has(id));
    for (const [id, link] of await this.linksOf(rootIds)) rootAccounts.set(id, link.account);
    const unlinkedRoots = rootIds.filter((id) => !rootAccounts.has(id));
    const outsideRoots: CustomerView[] = unlinkedRoots.length
      ? await this.queries.execute(new ListCustomers(organizationId, null, unlinkedRoots.length, unlinkedRoots))
      : [];
    const rootsFound = new Set([...rootAccounts.keys(), ...customers.filter((c) => c.rootId === c.id).map((c) => c.id), ...outsideRoots.map((c) => c.id)]);
    const joiners = customers.filter((c) => c.rootId !== c.id && rootsFound.has(c.rootId));
    const joining = new Set(joiners);
    return { owners: [...customers.filter((c) => !joining.has(c)), ...outsideRoots], joiners };
  }

  /**
   * New accounts named after these customers, owned by their owners or else by the default customer owner.
   * `unregistered`: none of them has a CRM identity yet (see `CreateAccountsForCustomerIdentities`).
   */
  async createAccounts(organizationId: string, customers: CustomerView[], unregistered = false): Promise<CustomerIdentityAccount[]> {
    if (customers.length === 0) return [];
    const { defaultCustomerOwner } = await this.settings.get<{ defaultCustomerOwner: string | null }>(organizationId, 'customer');
    return this.commands.execute(
      new CreateAccountsForCustomerIdentities(
        organizationId,
        COMMERCE_CUSTOMER,
        customers.map((c) => ({ targetId: c.id, name: c.name, ownerId: c.ownerId ?? defaultCustomerOwner })),
        unregistered,
      ),
    );
  }

  /** The stored links of these customers (those that have one). */
  async linksOf(customerIds: string[]): Promise<Map<string, CustomerLink>> {
    if (customerIds.length === 0) return new Map();
    const rows: Array<{ id: string } & CustomerLink> = await this.store.query(
      `SELECT customer_id::text AS id, account_id::text AS account, previous_account_id::text AS previous
       FROM integration.customer_account WHERE customer_id = ANY($1::bigint[])`,
      [customerIds],
    );
    return new Map(rows.map(({ id, ...link }) => [id, link]));
  }
}
