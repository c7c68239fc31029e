import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CustomerView, GetCustomer } from '../../contracts/commerce';
import { CreateAccount, MoveCustomerIdentity, RegisterCustomerIdentity } from '../../contracts/crm';
import { Settings } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { AccountStrategy } from '../strategy/account-strategy';
import { AccountCommerceTotals, hasLifetime } from './account-commerce-totals';
import { commerceCustomerIdentity } from './commerce-customer-identity';
import { linkGuard } from './link-guard';

/** Puts a commerce customer in an account: the link, CRM's customer identity and the accounts' commerce totals. */
@Injectable()
export class CustomerLinker {
  constructor(
    private readonly store: IntegrationStore,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly settings: Settings,
    private readonly totals: AccountCommerceTotals,
    private readonly strategy: AccountStrategy,
  ) {}

  /**
   * Links a customer that has no account yet (domain §4.2): to `accountId`; else, under the "root" strategy, to its
   * root customer's account if the root has one; else to a new account named after it and owned by its owner, or by
   * the `customer.defaultCustomerOwner` setting. Does nothing for a customer already linked, or one that no longer
   * exists.
   */
  async link(organizationId: string, customerId: string, accountId: string | null): Promise<void> {
    await linkGuard.shared(this.store);
    const [linked] = await this.store.query(`SELECT 1 FROM integration.customer_account WHERE customer_id = $1`, [customerId]);
    if (linked) return;
    const customer = await this.queries.execute(new GetCustomer(organizationId, customerId));
    if (!customer) return;
    const account = accountId ?? (await this.rootAccountUnderRootStrategy(customer)) ?? (await this.newAccountFor(customer));
    const association = await this.commands.execute(new RegisterCustomerIdentity(commerceCustomerIdentity(organizationId, customerId), account));
    await this.totals.lock(organizationId, [account]);
    await this.store.query(
      `INSERT INTO integration.customer_account (customer_id, organization_id, account_id, association_id, lifetime_sales_value, paid_order_count, root_customer_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [customerId, organizationId, account, association, customer.lifetimeSalesValue, customer.lifetimePaidOrderCount, customer.rootId],
    );
    if (hasLifetime(customer)) await this.totals.record(organizationId, [account]);
  }

  /**
   * Moves a customer (and what CRM attached to it) to another account; links it if it had none. `rememberPrevious`
   * records the account it leaves (the "root" strategy does, for "each" to restore).
   */
  async move(organizationId: string, customerId: string, accountId: string, rememberPrevious = false): Promise<void> {
    await linkGuard.shared(this.store);
    // Both accounts locked in one ordered step: two moves in opposite directions cannot deadlock.
    const [current] = await this.totals.lockAccountsOf(organizationId, [customerId], [accountId]);
    if (current === undefined) return this.link(organizationId, customerId, accountId);
    if (current === accountId) return;
    await this.commands.execute(new MoveCustomerIdentity(commerceCustomerIdentity(organizationId, customerId), accountId));
    await this.store.query(
      `UPDATE integration.customer_account SET account_id = $2, previous_account_id = CASE WHEN $3 THEN account_id ELSE previous_account_id END
       WHERE customer_id = $1`,
      [customerId, accountId, rememberPrevious],
    );
    await this.totals.record(organizationId, [current, accountId]);
  }

  private async rootAccountUnderRootStrategy(customer: CustomerView): Promise<string | null> {
    if (customer.parentId === null || (await this.strategy.of(customer.organizationId)) !== 'root') return null;
    return (await this.strategy.rootOf(customer.organizationId, customer.id)).rootAccount;
  }

  /** A new account for a customer: named after it, owned by its owner or else by the default customer owner. */
  async newAccountFor(customer: CustomerView): Promise<string> {
    const { defaultCustomerOwner } = await this.settings.get<{ defaultCustomerOwner: string | null }>(customer.organizationId, 'customer');
    return this.commands.execute(new CreateAccount(customer.organizationId, customer.name, { ownerId: customer.ownerId ?? defaultCustomerOwner }));
  }
}
