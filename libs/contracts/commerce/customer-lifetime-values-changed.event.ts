/**
 * Published when customers' lifetime sales values changed (recomputed from their orders paid in full and not cancelled).
 * Bulk: `customerIds[i]` now has `amounts[i]` (exact decimal string, in `baseCurrency`) at version `versions[i]`. A
 * customer's versions grow with each change of its value, so a reader that keeps, per customer, the value of the
 * highest version it has seen ends with the latest value whatever the order or number of deliveries. A burst of
 * payments is announced once; a full recalculation publishes one event per organization and chunk of at most 1000
 * customers; only customers whose value changed are listed. (Events written before versions existed have none.)
 * `paidOrderCounts[i]` is the customer's number of orders paid in full and not cancelled (the orders its value sums);
 * the version covers value and count together. (Events written before the counts existed have none.)
 */
export class CustomerLifetimeValuesChanged {
  static readonly topic = 'commerce.customers.lifetime-values-changed';

  constructor(
    readonly organizationId: string,
    readonly customerIds: string[],
    readonly amounts: string[],
    readonly baseCurrency: string,
    readonly versions?: string[],
    readonly paidOrderCounts?: number[],
  ) {}
}
