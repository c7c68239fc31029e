import { Injectable } from '@nestjs/common';
import { CustomerLifetimeValuesChanged } from '../../contracts/commerce';
import { CurrencyConverter, Outbox } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { LOCK_CUSTOMERS_SQL, RECOMPUTE_ALL_LIFETIME_SALES_VALUES_SQL, RECOMPUTE_LIFETIME_SALES_VALUES_SQL } from './lifetime-sales-value.sql';

/** Customers listed in one CustomerLifetimeValuesChanged event at most. */
const CHUNK_SIZE = 1000;

interface ChangedValues {
  organizationId: string;
  customerIds: string[];
  amounts: string[];
  paidOrderCounts: number[];
  versions: string[];
  /** Subtree values corrected in the organization. */
  corrected: number;
}

/**
 * Recomputes customers' lifetime sales values and paid-order counts from source (domain decision 2) in the caller's
 * transaction, writes the ones that changed with a new version, refreshes the subtree values of those customers and of
 * their ancestors, and announces the changed values and counts (CustomerLifetimeValuesChanged, per organization and 1000
 * customers) through the outbox. Shared by the batched job and the reconciliation.
 */
@Injectable()
export class CustomerLifetimeValues {
  constructor(
    private readonly store: CommerceStore,
    private readonly outbox: Outbox,
    private readonly currencies: CurrencyConverter,
  ) {}

  /**
   * `customerIds` null = every customer of every organization. Returns how many values changed (a customer whose value
   * or count changed counts once, plus each subtree value corrected).
   */
  async recompute(customerIds: string[] | null): Promise<number> {
    if (customerIds?.length === 0) return 0;
    if (customerIds !== null) await this.store.query(LOCK_CUSTOMERS_SQL, [customerIds]);
    const changed: ChangedValues[] =
      customerIds === null
        ? await this.store.query(RECOMPUTE_ALL_LIFETIME_SALES_VALUES_SQL)
        : await this.store.query(RECOMPUTE_LIFETIME_SALES_VALUES_SQL, [customerIds]);
    const events = [];
    for (const { organizationId, customerIds: ids, amounts, paidOrderCounts, versions } of changed) {
      if (ids.length === 0) continue; // only subtree values were corrected there
      const baseCurrency = await this.currencies.baseCurrencyOf(organizationId);
      for (let i = 0; i < ids.length; i += CHUNK_SIZE) {
        const end = i + CHUNK_SIZE;
        events.push(
          new CustomerLifetimeValuesChanged(organizationId, ids.slice(i, end), amounts.slice(i, end), baseCurrency, versions.slice(i, end), paidOrderCounts.slice(i, end)),
        );
      }
    }
    await this.outbox.publish(...events);
    return changed.reduce((n, c) => n + c.customerIds.length + c.corrected, 0);
  }
}
