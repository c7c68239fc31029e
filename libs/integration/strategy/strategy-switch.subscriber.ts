import { EventSubscriber, Outbox, OutboxEventHandler, SettingsChanged } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { ReassignCustomerAccountsJob } from './reassign-customer-accounts.job';

/**
 * The strategy changed (settings `integration.customerAccountStrategy`): every customer is reassigned in the
 * background, from the first one again (a run in progress starts over with the new strategy at its next batch).
 */
@EventSubscriber({ name: 'integration.strategy-switch', event: SettingsChanged })
export class StrategySwitchSubscriber implements OutboxEventHandler<SettingsChanged> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly outbox: Outbox,
    private readonly job: ReassignCustomerAccountsJob,
  ) {}

  async handle({ organizationId, section, after }: SettingsChanged): Promise<void> {
    if (section !== 'integration' || !('customerAccountStrategy' in after)) return;
    await this.job.start(this.store, organizationId);
    await this.outbox.schedule(ReassignCustomerAccountsJob, { organizationId });
  }
}
