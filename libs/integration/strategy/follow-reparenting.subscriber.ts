import { QueryBus } from '@nestjs/cqrs';
import { CustomerUpdated, GetCustomerSubtree } from '../../contracts/commerce';
import { EventSubscriber, OutboxEventHandler } from '../../platform';
import { AccountStrategy } from './account-strategy';
import { CustomerReassignment } from './customer-reassignment';

/**
 * A re-parented customer's subtree has a new root, which its links remember (a strategy switch decides from them).
 * Decision 5: under the "root" strategy the subtree also follows its new root's account (Oro only fixes this at the
 * next strategy switch), with the switch's code. A customer that became a root keeps its account, and its subtree
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
    if (oldParentId === newParentId) return;
    const subtree = await this.queries.execute(new GetCustomerSubtree(organizationId, customerId));
    if ((await this.strategy.of(organizationId)) === 'root') await this.reassignment.apply(organizationId, 'root', { customers: subtree }, false);
    else await this.reassignment.rememberRoots(subtree);
  }
}
