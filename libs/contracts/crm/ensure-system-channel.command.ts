/**
 * Returns the id of the organization's system channel of this type, creating it (active) if it does not exist yet.
 * Only the integration module creates the `commerce` channel, through this command.
 */
export class EnsureSystemChannel {
  constructor(
    readonly organizationId: string,
    readonly channelType: 'commerce',
    readonly name: string,
  ) {}
}
