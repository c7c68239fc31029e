import { Command } from '@nestjs/cqrs';

/** A customer identity to give an account of its own: the account's name and owner (a user of the organization, or none). */
export interface AccountForCustomerIdentity {
  targetId: string;
  name: string;
  ownerId: string | null;
}

/** Where a customer identity ended up: its account and its customer association. */
export interface CustomerIdentityAccount {
  targetId: string;
  accountId: string;
  associationId: string;
}

/**
 * Creates one account per customer identity (named and owned as given) and points the identity at it: registered if it
 * was not, else moved there with the opportunities and leads attached to it. Set-based: a few statements whatever the
 * number, in the sender's transaction. Refused whole (`BusinessRuleViolation`, nothing written) when a name is blank or
 * longer than 255 characters, an owner is not a user of the organization, or an identity is listed twice. Send it on the command bus; returns a `CustomerIdentityAccount` per identity, in
 * the order given. `unregistered`: the sender knows none of the identities is registered yet (records it created in
 * the same transaction, e.g. a CSV import's new customers): they are registered without looking for a registered one
 * (cheaper), and one registered after all makes the command fail (unique violation) rather than be moved.
 */
export class CreateAccountsForCustomerIdentities extends Command<CustomerIdentityAccount[]> {
  constructor(
    readonly organizationId: string,
    readonly targetType: string,
    readonly identities: AccountForCustomerIdentity[],
    readonly unregistered = false,
  ) {
    super();
  }
}

/**
 * Points many customer identities at accounts of the organization (`accountIds[i]` for `targetIds[i]`): registers
 * those not registered yet, moves the others with the opportunities and leads attached to them. Set-based, in the
 * sender's transaction. Refused whole when an account is not one of the organization's or an identity is listed twice.
 * Send it on the command bus; returns a `CustomerIdentityAccount` per identity, in the order given.
 */
export class MoveCustomerIdentities extends Command<CustomerIdentityAccount[]> {
  constructor(
    readonly organizationId: string,
    readonly targetType: string,
    readonly targetIds: string[],
    readonly accountIds: string[],
  ) {
    super();
  }
}
