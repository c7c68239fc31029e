/**
 * Published (through the outbox) when a customer user is created — by the back-office API or any other path that
 * registers one — so that other modules can react (a welcome e-mail, an activity on the customer's account).
 */
export class CustomerUserRegistered {
  static readonly topic = 'commerce.customer_user.registered';

  constructor(
    readonly customerUserId: string,
    readonly customerId: string,
    readonly organizationId: string,
    /** The login e-mail as entered (not lowercased). */
    readonly email: string,
  ) {}
}
