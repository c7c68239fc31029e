import type { Caller, ResourceInput } from '../../platform';

/** Creates (`customerUserId` null) or changes a customer user with its roles; returns its id. */
export class SaveCustomerUser {
  constructor(
    readonly caller: Caller,
    readonly customerUserId: string | null,
    readonly input: ResourceInput,
  ) {}
}

/** Deletes customer users that no order references. */
export class DeleteCustomerUsers {
  constructor(
    readonly caller: Caller,
    readonly customerUserIds: string[],
  ) {}
}

/** Creates many customer users at once (a CSV import's set-based path); returns their ids in the order given. */
export class CreateCustomerUsers {
  constructor(
    readonly caller: Caller,
    readonly inputs: ResourceInput[],
  ) {}
}
