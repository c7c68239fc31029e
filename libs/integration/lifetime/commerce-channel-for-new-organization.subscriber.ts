import { EventSubscriber, OrganizationCreated, OutboxEventHandler } from '../../platform';
import { CommerceChannels } from './commerce-channels';

/** A new organization gets its commerce channel at once (the migration did it for those that existed). Idempotent. */
@EventSubscriber({ name: 'integration.commerce-channel-for-new-organization', event: OrganizationCreated })
export class CommerceChannelForNewOrganizationSubscriber implements OutboxEventHandler<OrganizationCreated> {
  constructor(private readonly channels: CommerceChannels) {}

  async handle({ organizationId }: OrganizationCreated): Promise<void> {
    await this.channels.ensure(organizationId);
  }
}
