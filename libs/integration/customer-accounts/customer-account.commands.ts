/** A customer created through the API: into the chosen account, or a new one when none was given. */
export class LinkCustomerToAccount {
  constructor(
    readonly organizationId: string,
    readonly customerId: string,
    readonly accountId: string | null,
  ) {}
}

/** A customer given another account through the API (its `account` relationship). */
export class MoveCustomerToAccount {
  constructor(
    readonly organizationId: string,
    readonly customerId: string,
    readonly accountId: string,
  ) {}
}

/**
 * Customers created together (a CSV import): each into its chosen account, or as the strategy says when none was given.
 * `justCreated`: created by the sender in this transaction, so none can be linked or have a CRM identity yet.
 */
export class LinkCustomersToAccounts {
  constructor(
    readonly organizationId: string,
    readonly customerIds: string[],
    readonly accountIds: Array<string | null>,
    readonly justCreated = false,
  ) {}
}
