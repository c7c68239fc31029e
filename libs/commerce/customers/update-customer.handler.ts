import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomerUpdated } from '../../contracts/commerce';
import { Outbox } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { UpdateCustomer } from './customer.commands';
import { checkChildren, pathUnder } from './customer-tree-rules';
import { CustomerHierarchy } from './customer-hierarchy';
import { distinctIds, movedEvent, requireNode } from './customer-moves';
import { customersResource } from './customer.resource';
import { CustomerUsersMembership } from './customer-users-membership';

@CommandHandler(UpdateCustomer)
export class UpdateCustomerHandler implements ICommandHandler<UpdateCustomer> {
  constructor(
    private readonly store: CommerceStore,
    private readonly hierarchy: CustomerHierarchy,
    private readonly outbox: Outbox,
    private readonly users: CustomerUsersMembership,
  ) {}

  async execute({ caller, customerId, input }: UpdateCustomer): Promise<void> {
    const organizationId = caller.organizationId;
    const { parent, children, users, ...relationships } = input.relationships;
    const parentId = parent as string | null | undefined;
    const childIds = distinctIds(children);
    if (parentId !== undefined || childIds !== undefined) await this.hierarchy.lock(organizationId);
    const nodes = await this.hierarchy.nodes(organizationId, [customerId, ...(parentId ? [parentId] : []), ...(childIds ?? [])]);
    const self = requireNode(nodes, customerId, 'parent');
    const name = input.attributes.name === undefined ? self.name : String(input.attributes.name);
    const path = parentId === undefined ? self.path : pathUnder({ id: customerId, name }, parentId ? requireNode(nodes, parentId, 'parent') : null);
    if (childIds) checkChildren({ id: customerId, name }, path, childIds.map((id) => requireNode(nodes, id, 'children')));

    await this.store.writer().update(customersResource, customerId, { attributes: input.attributes, relationships });
    const newParentId = parentId === undefined ? self.parentId : parentId;
    if (newParentId !== self.parentId) await this.hierarchy.move(organizationId, self, path.slice(0, -1));
    const moves = childIds ? await this.hierarchy.replaceChildren(organizationId, path, childIds) : [];
    await this.users.adopt(caller, customerId, users as string[] | undefined);
    await this.outbox.publish(
      new CustomerUpdated(customerId, organizationId, self.parentId, newParentId, self.name, name),
      ...moves.map(movedEvent(organizationId)),
    );
  }
}
