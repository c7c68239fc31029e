import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EnsureSystemChannel } from '../../contracts/crm';
import { BusinessRuleViolation } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { CreateChannel, DeleteChannels, UpdateChannel } from './channel.commands';
import { channelsResource } from './channel.resource';

const SYSTEM_TYPES = ['commerce'];

@CommandHandler(CreateChannel)
export class CreateChannelHandler implements ICommandHandler<CreateChannel, string> {
  constructor(private readonly store: CrmStore) {}

  async execute({ caller, input }: CreateChannel): Promise<string> {
    if (SYSTEM_TYPES.includes(String(input.attributes.channelType))) {
      throw new BusinessRuleViolation('A commerce channel is created by the integration module, not through the API.', { attribute: 'channelType' });
    }
    return this.store.writer().insert(channelsResource, input, caller);
  }
}

@CommandHandler(UpdateChannel)
export class UpdateChannelHandler implements ICommandHandler<UpdateChannel> {
  constructor(private readonly store: CrmStore) {}

  async execute({ channelId, input }: UpdateChannel): Promise<void> {
    const [current] = await this.store.query(`SELECT channel_type FROM crm.channel WHERE id = $1`, [channelId]);
    if (input.attributes.channelType !== undefined && input.attributes.channelType !== current.channel_type) {
      throw new BusinessRuleViolation('The type of a channel cannot be changed.', { attribute: 'channelType' });
    }
    await this.store.writer().update(channelsResource, channelId, input);
  }
}

@CommandHandler(DeleteChannels)
export class DeleteChannelsHandler implements ICommandHandler<DeleteChannels> {
  constructor(private readonly store: CrmStore) {}

  async execute({ channelIds }: DeleteChannels): Promise<void> {
    const system = await this.store.query(`SELECT name FROM crm.channel WHERE id = ANY($1::bigint[]) AND is_system`, [channelIds]);
    if (system.length > 0) {
      throw new BusinessRuleViolation(`System channels cannot be deleted: ${system.map((c: { name: string }) => c.name).join(', ')}.`, { conflict: true });
    }
    await this.store.writer().delete(channelsResource, channelIds);
  }
}

/** The system channel of a type, created (active) on first request; concurrent requests get the same one. */
@CommandHandler(EnsureSystemChannel)
export class EnsureSystemChannelHandler implements ICommandHandler<EnsureSystemChannel, string> {
  constructor(private readonly store: CrmStore) {}

  async execute({ organizationId, channelType, name }: EnsureSystemChannel): Promise<string> {
    // Looked up first: it exists but once per organization and type, and the linker asks on every batch it links.
    const existing = await this.find(organizationId, channelType);
    if (existing) return existing;
    await this.store.query(
      `INSERT INTO crm.channel (organization_id, name, channel_type, status, is_system) VALUES ($1, $2, $3, 'active', true)
       ON CONFLICT (organization_id, channel_type) WHERE is_system DO NOTHING`,
      [organizationId, name, channelType],
    );
    return (await this.find(organizationId, channelType))!;
  }

  private async find(organizationId: string, channelType: string): Promise<string | undefined> {
    const [row] = await this.store.query(`SELECT id::text AS id FROM crm.channel WHERE organization_id = $1 AND channel_type = $2 AND is_system`, [
      organizationId,
      channelType,
    ]);
    return row?.id;
  }
}
