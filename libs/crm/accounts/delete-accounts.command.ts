/** Deletes accounts (their contact links go with them) and publishes `AccountDeleted` for each. */
export class DeleteAccounts {
  constructor(
    readonly organizationId: string,
    readonly accountIds: string[],
  ) {}
}
