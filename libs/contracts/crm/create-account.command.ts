/**
 * Creates an account. Send it on the command bus; it returns the new account's id (a string). `ownerId` defaults to
 * no owner. Publishes `AccountCreated`.
 */
export class CreateAccount {
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
  ) {}
}
