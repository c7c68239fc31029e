import { Command } from '@nestjs/cqrs';

/**
 * Points many customer identities' associations (by association id, as `CustomerIdentityAccount.associationId` gave
 * them) at other accounts of the organization (`accountIds[i]` for `associationIds[i]`), with the opportunities and
 * leads attached to them: one statement, in the sender's transaction. An association whose account is not (or no
 * longer) one of the organization's stays where it is and is returned, so the sender can keep its own records in step.
 * Refused whole (`BusinessRuleViolation`, nothing written) when the lists differ in length, an id is malformed or
 * listed twice, or an association is not a customer identity of the organization. Send it on the command bus; returns
 * the ids of the associations left where they were.
 */
export class MoveCustomerAssociations extends Command<string[]> {
  constructor(
    readonly organizationId: string,
    readonly associationIds: string[],
    readonly accountIds: string[],
  ) {
    super();
  }
}
