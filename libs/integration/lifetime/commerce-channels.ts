import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EnsureSystemChannel } from '../../contracts/crm';
import { Directory } from '../../platform';
import { COMMERCE_CHANNEL_NAME } from '../customer-accounts/commerce-customer-identity';
import { IntegrationStore } from '../shared/integration-store';

/**
 * Each organization's system `commerce` channel, created through CRM's EnsureSystemChannel once (when the integration
 * is enabled, or the organization created) and remembered here, so recording a value costs one indexed read instead
 * of a command. System channels cannot be deleted, so a remembered id stays valid.
 */
@Injectable()
export class CommerceChannels {
  constructor(
    private readonly store: IntegrationStore,
    private readonly commands: CommandBus,
    private readonly directory: Directory,
  ) {}

  async of(organizationId: string): Promise<string> {
    const [known] = await this.store.query(`SELECT channel_id::text AS id FROM integration.commerce_channel WHERE organization_id = $1`, [organizationId]);
    return known ? known.id : this.ensure(organizationId);
  }

  /** Creates the channel if CRM has none, and remembers it; idempotent. */
  async ensure(organizationId: string): Promise<string> {
    const channelId = await this.commands.execute(new EnsureSystemChannel(organizationId, 'commerce', COMMERCE_CHANNEL_NAME));
    await this.store.query(
      `INSERT INTO integration.commerce_channel (organization_id, channel_id) VALUES ($1, $2)
       ON CONFLICT (organization_id) DO UPDATE SET channel_id = excluded.channel_id`,
      [organizationId, channelId],
    );
    return channelId;
  }

  /** Every organization's channel (enabling the integration, reconciliation); returns the organizations' ids. */
  async ensureAll(): Promise<string[]> {
    const organizations = await this.directory.organizationIds();
    for (const id of organizations) await this.ensure(id);
    return organizations;
  }
}
