import { Query } from '@nestjs/cqrs';
import type { AccountView } from './get-account.query';
import type { AccountLifetimeValue } from './lifetime.contracts';
import type { AccountB2bCustomerView, AccountContactView, AccountRecordsOptions, AccountRecordsPage } from './list-account-records.query';
import type { OpportunityView } from './list-opportunities.query';

/** The parts of `GetAccountCrmOverview` to read; a part left out is not read (and absent from the answer). */
export interface AccountCrmOverviewParts {
  /** The account's newest open opportunities, whatever they are attached to (as `ListAccountOpportunities`). */
  openOpportunities?: { limit: number };
  contacts?: AccountRecordsOptions;
  businessCustomers?: AccountRecordsOptions;
  /**
   * The account's customer identities of one kind (e.g. its commerce customers): all their target ids, and the newest
   * `opportunityLimit` open opportunities of each of the first `withOpportunities` of them.
   */
  identities?: { targetType: string; withOpportunities: number; opportunityLimit: number };
}

export interface AccountCrmOverview {
  account: AccountView;
  lifetime: AccountLifetimeValue;
  openOpportunities?: OpportunityView[];
  contacts?: AccountRecordsPage<AccountContactView>;
  businessCustomers?: AccountRecordsPage<AccountB2bCustomerView>;
  /** Target ids, numbers in number order. */
  identityIds?: string[];
  /** Open opportunities by target id, of the first identities (those without any are left out). */
  identityOpportunities?: Record<string, OpportunityView[]>;
}

/**
 * An account and what CRM knows around it, in one statement: what `GetAccount`, `GetAccountLifetimeValue`,
 * `ListAccountOpportunities` and `ListOpportunitiesForCustomerIdentities` answer one by one, with the account's first
 * contacts and business customers (an overview reads them together). Send it on the query bus; returns null for an unknown account.
 */
export class GetAccountCrmOverview extends Query<AccountCrmOverview | null> {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
    readonly parts: AccountCrmOverviewParts,
  ) {
    super();
  }
}
