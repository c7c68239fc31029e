import { Command } from '@nestjs/cqrs';

/**
 * Creates an account. Send it on the command bus; it returns the new account's id (a string). `ownerId` defaults to
 * no owner.
 */
export class CreateAccount extends Command<string> {
  constructor(
    readonly organizationId: string,
    readonly name: string,
    readonly fields: {
      ownerId?: string | null;
      description?: string | null;
      externalId?: string | null;
      defaultContactId?: string | null;
      referredById?: string | null;
      contactIds?: string[];
    } = {},
  ) {
    super();
  }
}
