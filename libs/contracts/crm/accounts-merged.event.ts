/**
 * Published when accounts were merged: everything that pointed to `mergedAccountIds` in CRM now points to
 * `masterAccountId`, and those accounts are deleted. Other modules re-point their own links the same way.
 */
export class AccountsMerged {
  static readonly topic = 'crm.accounts.merged';

  constructor(
    readonly organizationId: string,
    readonly masterAccountId: string,
    readonly mergedAccountIds: string[],
  ) {}
}
