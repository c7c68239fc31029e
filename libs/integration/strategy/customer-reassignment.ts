import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CustomerView } from '../../contracts/commerce';
import { FindExistingAccounts, MoveCustomerIdentities } from '../../contracts/crm';
import { IntegrationStore } from '../shared/integration-store';
import { AccountCommerceTotals } from '../customer-accounts/account-commerce-totals';
import { CustomerBatchLinker, CustomerLink } from '../customer-accounts/customer-batch-linker';
import { COMMERCE_CUSTOMER } from '../customer-accounts/commerce-customer-identity';
import { linkGuard } from '../customer-accounts/link-guard';
import type { CustomerAccountStrategy } from './integration.settings';
import { restorableAccounts, towardsOwnAccounts, towardsRootAccounts } from './reassignment-decisions';

/**
 * Puts customers where a strategy wants them (domain §4.3, Oro's AssignRootStrategy / AssignEachStrategy), a batch at a
 * time with bulk CRM commands and a few set-based statements. A strategy switch to "root" records the account a
 * customer leaves as its previous one, which "each" restores; following a re-parenting does not (the previous account
 * stays the customer's own).
 * - root: a root keeps its account; any other customer goes to its root's account (a new one named after the customer
 *   when the root has none).
 * - each: a root keeps its account; a child goes back to its previous account when that differs from both its current
 *   and its root's (and still exists), keeps an account of its own, or gets a new one when it shares its root's.
 * Customers without an account are linked as the strategy says. The accounts customers leave and join get their
 * commerce totals recorded again.
 */
@Injectable()
export class CustomerReassignment {
  constructor(
    private readonly store: IntegrationStore,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly linker: CustomerBatchLinker,
    private readonly totals: AccountCommerceTotals,
  ) {}

  /**
   * `deferRootTotals` (a whole pass, batch after batch): the totals of root customers' accounts, which most batches
   * change, are not recorded here but left in `pending_account_total` for `recordPendingTotals` at the end of the pass.
   */
  async apply(organizationId: string, strategy: CustomerAccountStrategy, customers: CustomerView[], rememberPrevious: boolean, deferRootTotals = false): Promise<void> {
    if (customers.length === 0) return;
    await linkGuard.exclusive(this.store);
    await this.linker.link(organizationId, customers);
    const children = customers.filter((c) => c.rootId !== c.id);
    if (children.length === 0) return;
    const involved = [...new Set([...children.map((c) => c.id), ...children.map((c) => c.rootId)])];
    // Lock the accounts customers leave and may join (their root's, their previous one) in one ordered step, then read again.
    const seen = await this.linker.linksOf(involved);
    const previous = [...seen.values()].map((l) => l.previous).filter((p): p is string => p !== null);
    const locked = new Set([...(await this.totals.lockAccountsOf(organizationId, involved, previous)), ...previous]);
    const links = await this.linker.linksOf(involved);
    const { moves, fresh } = strategy === 'root' ? towardsRootAccounts(children, links, rememberPrevious) : await this.towardsOwn(organizationId, children, links);
    await this.totals.lock(moves.map((m) => m.to).filter((a) => !locked.has(a)));
    if (moves.length > 0) {
      await this.commands.execute(new MoveCustomerIdentities(organizationId, COMMERCE_CUSTOMER, moves.map((m) => m.customerId), moves.map((m) => m.to)));
    }
    // New accounts: CRM points the customers' identities at them itself.
    const remember = new Map(fresh.map((f) => [f.customer.id, f.remember]));
    const created = await this.linker.createAccounts(organizationId, fresh.map((f) => f.customer));
    const placed = [...moves, ...created.map((c) => ({ customerId: c.targetId, to: c.accountId, remember: remember.get(c.targetId)! }))];
    if (placed.length === 0) return;
    await this.store.query(
      `UPDATE integration.customer_account c SET account_id = v.account,
              previous_account_id = CASE WHEN v.remember THEN c.account_id ELSE c.previous_account_id END
       FROM unnest($1::bigint[], $2::bigint[], $3::boolean[]) v(customer, account, remember) WHERE c.customer_id = v.customer AND c.customer_id = ANY($1::bigint[])`,
      [placed.map((m) => m.customerId), placed.map((m) => m.to), placed.map((m) => m.remember)],
    );
    const touched = new Set([...placed.map((m) => links.get(m.customerId)!.account), ...placed.map((m) => m.to)]);
    if (deferRootTotals) {
      const rootAccounts = new Set(children.map((c) => links.get(c.rootId)?.account).filter((a) => a !== undefined && touched.has(a)));
      for (const account of rootAccounts) touched.delete(account!);
      await this.store.query(
        `INSERT INTO integration.pending_account_total (organization_id, account_id) SELECT $1, a FROM unnest($2::bigint[]) a ON CONFLICT DO NOTHING`,
        [organizationId, [...rootAccounts]],
      );
    }
    await this.totals.record(organizationId, [...touched]);
  }

  /**
   * Records up to `limit` of the totals a pass left pending (see `apply`), under the accounts' locks (few per
   * transaction: PostgreSQL's lock table is shared); returns whether some are still pending.
   */
  async recordPendingTotals(organizationId: string, limit: number): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.store.query(
      `WITH taken AS (
         DELETE FROM integration.pending_account_total WHERE organization_id = $1 AND account_id IN (
           SELECT account_id FROM integration.pending_account_total WHERE organization_id = $1 ORDER BY account_id LIMIT $2)
         RETURNING account_id)
       SELECT account_id::text AS id FROM taken`,
      [organizationId, limit],
    );
    const accounts = rows.map((r) => r.id);
    await this.totals.lock(accounts);
    await this.totals.record(organizationId, accounts);
    const [left] = await this.store.query(`SELECT 1 FROM integration.pending_account_total WHERE organization_id = $1 LIMIT 1`, [organizationId]);
    return left !== undefined;
  }

  /** each: back to the previous account when it still exists (CRM is asked), else a new one for a child sharing its root's. */
  private async towardsOwn(organizationId: string, children: CustomerView[], links: Map<string, CustomerLink>) {
    const candidates = restorableAccounts(children, links);
    const existing = new Set<string>(candidates.length ? await this.queries.execute(new FindExistingAccounts(organizationId, candidates)) : []);
    return towardsOwnAccounts(children, links, existing);
  }
}
