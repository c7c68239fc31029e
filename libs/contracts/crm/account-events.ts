/** Published when an account is deleted (its links elsewhere should go too). */
export class AccountDeleted {
  static readonly topic = 'crm.account.deleted';

  constructor(
    readonly accountId: string,
    readonly organizationId: string,
  ) {}
}
