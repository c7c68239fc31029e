import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CustomerView } from '../../contracts/commerce';
import { RecordChannelLifetimeValues } from '../../contracts/crm';
import { CommerceChannels } from '../lifetime/commerce-channels';
import { IntegrationStore } from '../shared/integration-store';

/**
 * The commerce-channel lifetime value of accounts: Σ of the lifetime sales values of their commerce customers, kept in
 * CRM's per-(account, channel) totals. Every change to which customers an account has, or to their values, takes the
 * accounts' locks first, so two deliveries never sum each other's half-written state. Before them it takes the
 * organization's totals lock in shared mode, which the reconciliation, a strategy switch's batch and the recording of
 * pending totals take exclusively while they rewrite many links or totals at once. The order is always: link guard,
 * organization's totals lock, accounts' locks (ordered by id), then rows, so no two of them wait for each other.
 */
/** The advisory lock key of an organization's commerce totals (`$1`: the organization id). */
export const ORGANIZATION_TOTALS_LOCK = `hashtextextended('integration.commerce-totals:' || $1, 0)`;

/** Whether linking this customer changes its account's totals (a value, or paid orders of 0). */
export function hasLifetime(customer: Pick<CustomerView, 'lifetimeSalesValue' | 'lifetimePaidOrderCount'>): boolean {
  return Number(customer.lifetimeSalesValue) !== 0 || customer.lifetimePaidOrderCount !== 0;
}

@Injectable()
export class AccountCommerceTotals {
  constructor(
    private readonly store: IntegrationStore,
    private readonly commands: CommandBus,
    private readonly channels: CommerceChannels,
  ) {}

  /**
   * Serializes work on these accounts until the transaction ends (in one order, so two batches cannot deadlock), after
   * taking the organization's totals lock in shared mode.
   */
  async lock(organizationId: string, accountIds: string[]): Promise<void> {
    await this.store.query(`SELECT pg_advisory_xact_lock_shared(${ORGANIZATION_TOTALS_LOCK})`, [organizationId]);
    if (accountIds.length === 0) return;
    await this.store.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('integration.account:' || a, 0)) FROM (SELECT DISTINCT a FROM unnest($1::text[]) a ORDER BY a) s`,
      [accountIds],
    );
  }

  /**
   * Locks the accounts these customers belong to (with `alsoAccounts`, in the same ordered step), and returns the
   * customers' accounts. Read again once locked: a link moved meanwhile (a merge) adds its new account to the set.
   */
  async lockAccountsOf(organizationId: string, customerIds: string[], alsoAccounts: string[] = []): Promise<string[]> {
    await this.lock(organizationId, []);
    const locked = new Set<string>();
    for (;;) {
      const rows: Array<{ id: string }> = await this.store.query(
        `SELECT DISTINCT account_id::text AS id FROM integration.customer_account WHERE organization_id = $1 AND customer_id = ANY($2::bigint[])`,
        [organizationId, customerIds],
      );
      const accounts = rows.map((r) => r.id);
      const missing = [...accounts, ...alsoAccounts].filter((id) => !locked.has(id));
      if (missing.length === 0) return accounts;
      await this.lock(organizationId, missing);
      for (const id of missing) locked.add(id);
    }
  }

  /**
   * Holds off every other writer of the organization's links and totals until the transaction ends (they share the
   * lock): for work on many accounts at once, which would otherwise lock each of them.
   */
  async lockOrganization(organizationId: string): Promise<void> {
    await this.store.query(`SELECT pg_advisory_xact_lock(${ORGANIZATION_TOTALS_LOCK})`, [organizationId]);
  }

  /**
   * Records the accounts' commerce totals and paid-order counts as they are now (0 for an account left without commerce
   * customers).
   */
  async record(organizationId: string, accountIds: string[]): Promise<void> {
    if (accountIds.length === 0) return;
    await this.store.query(`SELECT pg_advisory_xact_lock_shared(${ORGANIZATION_TOTALS_LOCK})`, [organizationId]);
    const rows: Array<{ account: string; amount: string; orders: number }> = await this.store.query(
      `SELECT a::text AS account, coalesce(sum(c.lifetime_sales_value), 0)::numeric(19, 4)::text AS amount,
              coalesce(sum(c.paid_order_count), 0)::int AS orders
       FROM (SELECT DISTINCT a FROM unnest($1::bigint[]) a) s
       LEFT JOIN integration.customer_account c ON c.account_id = s.a AND c.account_id = ANY($1::bigint[])
       GROUP BY a ORDER BY a`,
      [accountIds],
    );
    const channelId = await this.channels.of(organizationId);
    await this.commands.execute(
      new RecordChannelLifetimeValues(organizationId, channelId, rows.map((r) => r.account), rows.map((r) => r.amount), false, rows.map((r) => r.orders)),
    );
  }
}
