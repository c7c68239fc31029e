import type { Caller, ResourceInput } from '../../platform';

/** Creates a customer from the API (hierarchy rules, path, `CustomerCreated`); returns its id. */
export class CreateCustomer {
  constructor(
    readonly caller: Caller,
    readonly input: ResourceInput,
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
