import type { Caller, ResourceInput } from '../../platform';

/** Creates a customer from the API (hierarchy rules, path, `CustomerCreated`); returns its id. */
export class CreateCustomer {
  constructor(
    readonly caller: Caller,
    readonly input: ResourceInput,
  ) {}
}

/**
 * Creates many new customers at once (a CSV import): the same rules as `CreateCustomer` for customers without
 * children or users (parents must exist in the organization), one INSERT, their paths, one `CustomerCreated` each;
 * returns their ids in order. Parents must be stored already (not among the new ones).
 */
export class CreateCustomers {
  constructor(
    readonly caller: Caller,
    readonly inputs: ResourceInput[],
  ) {}
}

/** Changes a customer from the API, including re-parenting it or its `children`; publishes `CustomerUpdated`. */
export class UpdateCustomer {
  constructor(
    readonly caller: Caller,
    readonly customerId: string,
    readonly input: ResourceInput,
  ) {}
}

/** Deletes customers nothing references any more (§2.4); publishes `CustomerDeleted` for each. */
export class DeleteCustomers {
  constructor(
    readonly organizationId: string,
    readonly customerIds: string[],
  ) {}
}
