import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomerDeleted } from '../../contracts/commerce';
import { BusinessRuleViolation, Outbox } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { DeleteCustomers } from './customer.commands';
import { CustomerHierarchy } from './customer-hierarchy';
import { deletionRefusals } from './customer-references';
import { customersResource } from './customer.resource';

/** All or nothing: one referenced customer refuses the whole request (also a DELETE by filter). */
@CommandHandler(DeleteCustomers)
export class DeleteCustomersHandler implements ICommandHandler<DeleteCustomers> {
  constructor(
    private readonly store: CommerceStore,
    private readonly hierarchy: CustomerHierarchy,
    private readonly outbox: Outbox,
  ) {}

  async execute({ organizationId, customerIds }: DeleteCustomers): Promise<void> {
    // No child may be moved under a customer between the check and the delete.
    await this.hierarchy.lock(organizationId);
    const refusals = await deletionRefusals(this.store, customerIds);
    if (refusals.length > 0) throw new BusinessRuleViolation(refusals.join(' '), { conflict: true });
    await this.store.writer().delete(customersResource, customerIds);
    await this.outbox.publish(...customerIds.map((id) => new CustomerDeleted(id, organizationId)));
  }
}
