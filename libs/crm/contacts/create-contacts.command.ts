import type { Caller, ResourceInput } from '../../platform';

/**
 * Creates many contacts at once (a CSV import), with their e-mails and phones and the same effects as `SaveContact`
 * creating each; returns their ids in order.
 */
export class CreateContacts {
  constructor(
    readonly caller: Caller,
    readonly inputs: ResourceInput[],
  ) {}
}
