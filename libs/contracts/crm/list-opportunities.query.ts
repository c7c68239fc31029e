import { Query } from '@nestjs/cqrs';
import type { CustomerIdentity } from './customer-identity.commands';

/** What other modules may know of an opportunity. Amounts are decimal strings; base amounts exist while closed. */
export interface OpportunityView {
  id: string;
  name: string;
  status: string;
  /** A fraction, 0–1 (as the API serves it). */
  probability: string | null;
  budgetAmount: string | null;
  budgetCurrency: string | null;
  closeRevenue: string | null;
  closeRevenueCurrency: string | null;
  baseBudgetAmount: string | null;
  baseCloseRevenue: string | null;
  closeDate: string | null;
  ownerId: string | null;
  /** ISO-8601 UTC. */
  createdAt: string;
}

/**
 * The opportunities whose customer is a registered customer identity (e.g. a commerce customer), newest first. Send it
 * on the query bus; returns `OpportunityView[]` (empty when the identity is unknown). `openOnly` leaves out won and lost.
 */
export class ListOpportunitiesForCustomerIdentity extends Query<OpportunityView[]> {
  constructor(
    readonly identity: CustomerIdentity,
    readonly options: { openOnly?: boolean; limit?: number } = {},
  ) {
    super();
  }
}

/**
 * Every opportunity of an account, whatever it is attached to (the account itself, its business customers, its
 * customer identities), newest first. Send it on the query bus; returns `OpportunityView[]`. `openOnly` leaves out won
 * and lost.
 */
export class ListAccountOpportunities extends Query<OpportunityView[]> {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
    readonly options: { openOnly?: boolean; limit?: number } = {},
  ) {
    super();
  }
}

/**
 * The opportunities of several customer identities of one kind at once (one statement): `limit` newest per identity,
 * `openOnly` leaves out won and lost. Send it on the query bus; returns the opportunities by target id (identities
 * without any are left out).
 */
export class ListOpportunitiesForCustomerIdentities extends Query<Record<string, OpportunityView[]>> {
  constructor(
    readonly organizationId: string,
    readonly targetType: string,
    readonly targetIds: string[],
    readonly options: { openOnly?: boolean; limit?: number } = {},
  ) {
    super();
  }
}
