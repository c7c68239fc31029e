/** A customer user accepts a consent (answers the acceptance's id). */
export class AcceptConsent {
  constructor(
    readonly organizationId: string,
    readonly customerUserId: string,
    readonly consentId: string,
  ) {}
}

/** A customer user declines consents it had accepted (its acceptances go, the history keeps the decision). */
export class DeclineConsents {
  constructor(
    readonly customerUserId: string,
    readonly acceptanceIds: string[],
  ) {}
}
