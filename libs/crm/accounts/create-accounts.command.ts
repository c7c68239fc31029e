import type { Caller, ResourceInput } from '../../platform';

/**
 * Creates many accounts at once (a CSV import), with the same effects as `CreateAccount` for accounts without
 * contacts: one INSERT, their account-level customer associations; returns their ids in order.
 */
export class CreateAccounts {
  constructor(
    readonly caller: Caller,
    readonly inputs: ResourceInput[],
  ) {}
}
