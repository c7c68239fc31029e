/**
 * Published when customers' lifetime sales values changed (recomputed from their orders paid in full and not cancelled).
 * Bulk: `customerIds[i]` now has `amounts[i]` (exact decimal string, in `baseCurrency`). A full recalculation publishes
 * one event per organization and chunk of at most 1000 customers; only customers whose value changed are listed.
 */
export class CustomerLifetimeValuesChanged {
  static readonly topic = 'commerce.customers.lifetime-values-changed';

  constructor(
    readonly organizationId: string,
    readonly customerIds: string[],
    readonly amounts: string[],
    readonly baseCurrency: string,
  ) {}
}
