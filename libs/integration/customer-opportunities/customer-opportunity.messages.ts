/** The account an opportunity for this commerce customer belongs to: `{ account }` (a customer without one is refused). */
export class AccountForCustomerOpportunity {
  constructor(
    readonly organizationId: string,
    readonly customerId: string | null,
  ) {}
}

/** An opportunity set on a commerce customer through the API (its `customer` relationship), or taken off it (null). */
export class SetOpportunityCustomer {
  constructor(
    readonly organizationId: string,
    readonly opportunityId: string,
    readonly customerId: string | null,
  ) {}
}
