import type { Caller, ResourceInput } from '../../platform';

/** Creates (`b2bCustomerId` null) or changes a business customer with its e-mails and phones; returns its id. */
export class SaveB2bCustomer {
  constructor(
    readonly caller: Caller,
    readonly b2bCustomerId: string | null,
    readonly input: ResourceInput,
  ) {}
}

/** Deletes business customers and their customer associations. */
export class DeleteB2bCustomers {
  constructor(
    readonly caller: Caller,
    readonly b2bCustomerIds: string[],
  ) {}
}
