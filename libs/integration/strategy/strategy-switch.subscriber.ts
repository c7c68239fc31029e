import { EventSubscriber, Outbox, OutboxEventHandler, SettingsChanged } from '../../platform';
import { ReassignCustomerAccountsJob } from './reassign-customer-accounts.job';

/** The strategy changed (settings `integration.customerAccountStrategy`): every customer is reassigned in the background. */
@EventSubscriber({ name: 'integration.strategy-switch', event: SettingsChanged })
export class StrategySwitchSubscriber implements OutboxEventHandler<SettingsChanged> {
  constructor(private readonly outbox: Outbox) {}

  async handle({ organizationId, section, after }: SettingsChanged): Promise<void> {
    if (section === 'integration' && 'customerAccountStrategy' in after) await this.outbox.schedule(ReassignCustomerAccountsJob, { organizationId });
  }
}
