import { JobHandler, JobProcessor } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { CommerceChannels } from './commerce-channels';

/**
 * Gives every organization its commerce channel (decision 6: the channel exists as soon as the integration is
 * enabled, whether or not a value was recorded). Requested by the module's migration; one transaction.
 */
@JobHandler({ name: 'integration.ensure-commerce-channels', idempotencyKey: () => 'all' })
export class EnsureCommerceChannelsJob implements JobProcessor<object> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly channels: CommerceChannels,
  ) {}

  async run(): Promise<void> {
    await this.store.tx.run(() => this.channels.ensureAll());
  }
}
