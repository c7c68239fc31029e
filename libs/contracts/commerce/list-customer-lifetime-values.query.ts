import { Query } from '@nestjs/cqrs';

/** A customer's lifetime sales value and its version (see CustomerLifetimeValuesChanged). */
export interface CustomerLifetimeValue {
  customerId: string;
  organizationId: string;
  /** Exact decimal string in the organization's base currency, e.g. "100.0000". */
  amount: string;
  /** Orders paid in full and not cancelled (the ones `amount` sums). */
  paidOrderCount: number;
  /** Grows with every change of the value; "0" for a value never recomputed. */
  version: string;
}

/**
 * One page of customers' current lifetime sales values, ordered by customer id (for reconciliations and readers of
 * events written before versions existed): pass the last id of the previous page as `afterId` (null for the first)
 * until a page is shorter than `limit` (1–10 000). `organizationId` null reads every organization; `customerIds`
 * limits the page to those customers. Send it on the query bus; it returns `CustomerLifetimeValue`s.
 */
export class ListCustomerLifetimeValues extends Query<CustomerLifetimeValue[]> {
  constructor(
    readonly organizationId: string | null,
    readonly afterId: string | null,
    readonly limit: number,
    readonly customerIds?: string[],
  ) {
    super();
  }
}
