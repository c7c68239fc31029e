import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { customerGroupsResource } from './customer-group.resource';
import { DeleteCustomerGroups } from './delete-customer-groups.command';

@CommandHandler(DeleteCustomerGroups)
export class DeleteCustomerGroupsHandler implements ICommandHandler<DeleteCustomerGroups> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ organizationId, groupIds }: DeleteCustomerGroups): Promise<void> {
    const [anonymous] = await this.store.query(
      `SELECT name FROM commerce.customer_group WHERE organization_id = $1 AND id = ANY($2::bigint[]) AND is_anonymous`,
      [organizationId, groupIds],
    );
    if (anonymous) {
      throw new BusinessRuleViolation(
        `The customer group "${anonymous.name}" cannot be deleted: it is the group of visitors who are not signed in.`,
        { conflict: true },
      );
    }
    // customer.group_id is ON DELETE SET NULL: the group's customers stay, without a group.
    await this.store.writer().delete(customerGroupsResource, groupIds);
  }
}
