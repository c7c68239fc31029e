import { EventSubscriber, OrganizationCreated, OutboxEventHandler } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';

export const ANONYMOUS_CUSTOMER_GROUP = 'Non-Authenticated Visitors';

/**
 * Gives every new organization its "Non-Authenticated Visitors" group (the migration did it for the organizations that
 * existed at install). At most one anonymous group per organization (unique index), so a redelivery changes nothing.
 */
@EventSubscriber({ name: 'commerce.anonymous-customer-group', event: OrganizationCreated })
export class AnonymousCustomerGroupSubscriber implements OutboxEventHandler<OrganizationCreated> {
  constructor(private readonly store: CommerceStore) {}

  async handle({ organizationId }: OrganizationCreated): Promise<void> {
    await this.store.query(
      `INSERT INTO commerce.customer_group (organization_id, name, is_anonymous) VALUES ($1, $2, true)
       ON CONFLICT (organization_id) WHERE is_anonymous DO NOTHING`,
      [organizationId, ANONYMOUS_CUSTOMER_GROUP],
    );
  }
}
