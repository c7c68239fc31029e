/** The account a record (opportunity, lead) for this commerce customer belongs to: `{ account }`, refused without one. */
export class AccountOfCustomerRecord {
  constructor(
    readonly organizationId: string,
    readonly customerId: string | null,
  ) {}
}

/** An opportunity or a lead set on a commerce customer through the API (its `customer` relationship), or taken off it. */
export class SetRecordCustomer {
  constructor(
    readonly organizationId: string,
    readonly record: 'opportunity' | 'lead',
    readonly recordId: string,
    readonly customerId: string | null,
  ) {}
}
