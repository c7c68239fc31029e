/** Published (through the outbox) when a commerce customer is created, by the API or by another module. */
export class CustomerCreated {
  static readonly topic = 'commerce.customer.created';

  constructor(
    readonly customerId: string,
    readonly name: string,
    /** Its parent customer, or null for a root. */
    readonly parentId: string | null,
    /** The back-office user who owns it, or null. */
    readonly ownerId: string | null,
    readonly organizationId: string,
  ) {}
}

/**
 * Published once for customers created together (`CreateCustomers`: a CSV import's chunk), instead of one
 * `CustomerCreated` each: one outbox row and one delivery per subscriber for thousands of customers. It carries only
 * their ids (a subscriber reads what else it needs), so the row stays small.
 */
export class CustomersCreated {
  static readonly topic = 'commerce.customers.created';

  constructor(
    readonly organizationId: string,
    readonly customerIds: string[],
  ) {}
}

/**
 * Published when a customer changes: its own fields, or its place in the hierarchy. Also published for every customer
 * moved through the `children` relationship of another customer (then only its parent changed). `oldParentId` equals
 * `newParentId`, and `oldName` equals `newName`, when that part did not change.
 */
export class CustomerUpdated {
  static readonly topic = 'commerce.customer.updated';

  constructor(
    readonly customerId: string,
    readonly organizationId: string,
    readonly oldParentId: string | null,
    readonly newParentId: string | null,
    readonly oldName: string,
    readonly newName: string,
  ) {}
}

/** Published when a customer is deleted (its links elsewhere, such as an account association, should go too). */
export class CustomerDeleted {
  static readonly topic = 'commerce.customer.deleted';

  constructor(
    readonly customerId: string,
    readonly organizationId: string,
  ) {}
}
