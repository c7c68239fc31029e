import { Query } from '@nestjs/cqrs';

/** A customer at a glance: its lifetime sales value, its users and its latest orders. */
export interface CustomerOverview {
  id: string;
  name: string;
  /** Exact decimal string in `baseCurrency`. */
  lifetimeSalesValue: string;
  /** Orders paid in full and not cancelled (the ones the value sums). */
  lifetimePaidOrderCount: number;
  /** Σ lifetime sales values of the customer and all its descendants, exact decimal string in `baseCurrency`. */
  subtreeLifetimeSalesValue: string;
  baseCurrency: string;
  users: Array<{ id: string; email: string; firstName: string; lastName: string; enabled: boolean }>;
  /** The 10 most recent orders, newest first; amounts are exact decimal strings in the order's currency. */
  recentOrders: Array<{
    id: string;
    identifier: string;
    currency: string;
    subtotal: string;
    total: string;
    internalStatus: string;
    paymentStatus: string | null;
    /** ISO-8601 UTC. */
    createdAt: string;
  }>;
}

/** Reads a customer's overview. Send it on the query bus; returns a `CustomerOverview`, or null if the organization has no such customer. */
export class GetCustomerOverview extends Query<CustomerOverview | null> {
  constructor(
    readonly organizationId: string,
    readonly customerId: string,
  ) {
    super();
  }
}

/** A customer's overview within a list of them: its amounts are in the organization's base currency, which is not repeated. */
export type ListedCustomerOverview = Omit<CustomerOverview, 'baseCurrency'>;

/**
 * Reads the overviews of several customers at once (one statement, whatever their number): the account overview's
 * customers. Send it on the query bus; returns the overviews of those the organization has, by id.
 */
export class GetCustomerOverviews extends Query<ListedCustomerOverview[]> {
  constructor(
    readonly organizationId: string,
    readonly customerIds: string[],
  ) {
    super();
  }
}
