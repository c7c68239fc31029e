import { Query } from '@nestjs/cqrs';

/** What other modules may know of an account. */
export interface AccountView {
  id: string;
  organizationId: string;
  name: string;
  ownerId: string | null;
  externalId: string | null;
}

/** Reads one account of an organization. Send it on the query bus; it returns an `AccountView` or null. */
export class GetAccount extends Query<AccountView | null> {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
  ) {
    super();
  }
}
