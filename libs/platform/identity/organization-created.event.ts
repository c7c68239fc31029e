/**
 * Published (through the outbox) when an organization is created, so that modules can give it their own defaults
 * (Commerce: the "Non-Authenticated Visitors" customer group). Subscribers must be idempotent.
 */
export class OrganizationCreated {
  static readonly topic = 'platform.organization.created';

  constructor(
    readonly organizationId: string,
    readonly name: string,
  ) {}
}
