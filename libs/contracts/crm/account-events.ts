/** Published (through the outbox) when an account is created, by the API or by another module. */
export class AccountCreated {
  static readonly topic = 'crm.account.created';

  constructor(
    readonly accountId: string,
    readonly organizationId: string,
    readonly name: string,
  ) {}
}

/**
 * Published once for the accounts a bulk command created (`CreateAccountsForCustomerIdentities`), in place of an
 * `AccountCreated` per account: thousands of accounts are one message, not thousands. Subscribe to both to see every
 * new account.
 */
export class AccountsCreated {
  static readonly topic = 'crm.accounts.created';

  constructor(
    readonly organizationId: string,
    readonly accountIds: string[],
  ) {}
}

/** Published when an account's fields or relationships change. */
export class AccountUpdated {
  static readonly topic = 'crm.account.updated';

  constructor(
    readonly accountId: string,
    readonly organizationId: string,
  ) {}
}

/** Published when an account is deleted (its links elsewhere should go too). */
export class AccountDeleted {
  static readonly topic = 'crm.account.deleted';

  constructor(
    readonly accountId: string,
    readonly organizationId: string,
  ) {}
}
