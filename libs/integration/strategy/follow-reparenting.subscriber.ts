import { QueryBus } from '@nestjs/cqrs';
import { CustomerUpdated, GetCustomerSubtree } from '../../contracts/commerce';
import { EventSubscriber, OutboxEventHandler } from '../../platform';
import { AccountStrategy } from './account-strategy';
import { CustomerReassignment } from './customer-reassignment';

/**
 * Decision 5: under the "root" strategy a re-parented customer and its subtree follow their new root's account (Oro
 * only fixes this at the next strategy switch). A customer that became a root keeps its account, and its subtree
 * joins it.
 */
@EventSubscriber({ name: 'integration.follow-reparenting', event: CustomerUpdated })
export class FollowReparentingSubscriber implements OutboxEventHandler<CustomerUpdated> {
  constructor(
    private readonly queries: QueryBus,
    private readonly strategy: AccountStrategy,
    private readonly reassignment: CustomerReassignment,
  ) {}

  async handle({ customerId, organizationId, oldParentId, newParentId }: CustomerUpdated): Promise<void> {
    if (oldParentId === newParentId || (await this.strategy.of(organizationId)) !== 'root') return;
    const subtree = await this.queries.execute(new GetCustomerSubtree(organizationId, customerId));
    await this.reassignment.apply(organizationId, 'root', subtree, false);
  }
}
