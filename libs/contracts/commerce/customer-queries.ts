import { Query } from '@nestjs/cqrs';

/** What other modules may know of a commerce customer. Ids are strings; `lifetimeSalesValue` is an exact decimal string. */
export interface CustomerView {
  id: string;
  organizationId: string;
  name: string;
  parentId: string | null;
  ownerId: string | null;
  groupId: string | null;
  /** The root of the customer's tree (its own id for a root), e.g. for the `root` account strategy. */
  rootId: string;
  /** The customer's own lifetime sales value in the base currency, e.g. "100.0000". */
  lifetimeSalesValue: string;
  /** Its orders paid in full and not cancelled (the ones the value sums). */
  lifetimePaidOrderCount: number;
  /** Σ lifetime sales values of the customer and all its descendants, e.g. "250.0000". */
  subtreeLifetimeSalesValue: string;
}

/** Reads one customer of an organization. Send it on the query bus; it returns a `CustomerView` or null. */
export class GetCustomer extends Query<CustomerView | null> {
  constructor(
    readonly organizationId: string,
    readonly customerId: string,
  ) {
    super();
  }
}

/**
 * The ancestors of a customer, root first (the customer itself is not included; a root has none). Send it on the query
 * bus; it returns the ids, or null when the customer does not exist in the organization.
 */
export class GetCustomerAncestors extends Query<string[] | null> {
  constructor(
    readonly organizationId: string,
    readonly customerId: string,
  ) {
    super();
  }
}

/**
 * A customer and all its descendants (children, their children, …), ordered by id. Send it on the query bus; it
 * returns their `CustomerView`s (empty when the customer does not exist in the organization).
 */
export class GetCustomerSubtree extends Query<CustomerView[]> {
  constructor(
    readonly organizationId: string,
    readonly customerId: string,
  ) {
    super();
  }
}

/**
 * One page of customers ordered by id, for backfills: pass the last id of the previous page as `afterId` (null for the
 * first page) until a page is shorter than `limit` (1–10 000). `organizationId` null lists every organization's
 * customers; `customerIds` limits the page to those customers (e.g. to read current lifetime values after an event).
 * Send it on the query bus; it returns `CustomerView`s.
 */
export class ListCustomers extends Query<CustomerView[]> {
  constructor(
    readonly organizationId: string | null,
    readonly afterId: string | null,
    readonly limit: number,
    readonly customerIds?: string[],
  ) {
    super();
  }
}

/**
 * The root of a customer's tree (the customer itself when it has no parent), e.g. for the `root` account strategy.
 * Send it on the query bus; it returns the root's id, or null when the customer does not exist in the organization.
 */
export class GetCustomerRoot extends Query<string | null> {
  constructor(
    readonly organizationId: string,
    readonly customerId: string,
  ) {
    super();
  }
}

/** How many customers an organization has. */
export interface CustomerCount {
  organizationId: string;
  count: number;
}

/**
 * How many customers each organization has (`organizationId` null: every organization that has some), e.g. to show
 * the progress of a backfill. Send it on the query bus; it returns `CustomerCount`s ordered by organization.
 */
export class CountCustomers extends Query<CustomerCount[]> {
  constructor(readonly organizationId: string | null) {
    super();
  }
}
