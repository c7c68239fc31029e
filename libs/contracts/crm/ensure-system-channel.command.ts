import { Command } from '@nestjs/cqrs';

/**
 * Returns the id of the organization's system channel of this type, creating it (active) if it does not exist yet.
 * Only the integration module creates the `commerce` channel, through this command.
 */
export class EnsureSystemChannel extends Command<string> {
  constructor(
    readonly organizationId: string,
    readonly channelType: 'commerce',
    readonly name: string,
  ) {
    super();
  }
}
