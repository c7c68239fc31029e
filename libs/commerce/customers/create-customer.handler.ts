import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomerCreated } from '../../contracts/commerce';
import { Outbox } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { CreateCustomer } from './customer.commands';
import { checkChildren, pathUnder } from './customer-tree-rules';
import { CustomerHierarchy } from './customer-hierarchy';
import { distinctIds, movedEvent, requireNode } from './customer-moves';
import { customersResource } from './customer.resource';
import { CustomerUsersMembership } from './customer-users-membership';

@CommandHandler(CreateCustomer)
export class CreateCustomerHandler implements ICommandHandler<CreateCustomer, string> {
  constructor(
    private readonly store: CommerceStore,
    private readonly hierarchy: CustomerHierarchy,
    private readonly outbox: Outbox,
    private readonly users: CustomerUsersMembership,
  ) {}

  async execute({ caller, input }: CreateCustomer): Promise<string> {
    const organizationId = caller.organizationId;
    const { children, users, ...relationships } = input.relationships;
    const childIds = distinctIds(children);
    const parentId = (relationships.parent as string | null | undefined) ?? null;
    const name = String(input.attributes.name);
    // A new root without children cannot close a cycle, so only tree changes wait for the organization's tree lock.
    if (parentId || childIds?.length) await this.hierarchy.lock(organizationId);
    const nodes = await this.hierarchy.nodes(organizationId, [...(parentId ? [parentId] : []), ...(childIds ?? [])]);
    const ancestors = pathUnder({ id: null, name }, parentId ? requireNode(nodes, parentId, 'parent') : null);
    if (childIds) checkChildren({ id: null, name }, ancestors, childIds.map((id) => requireNode(nodes, id, 'children')));

    const id = await this.store.writer().insert(customersResource, { attributes: input.attributes, relationships }, caller);
    await this.hierarchy.placeNew(id);
    const moves = childIds?.length ? await this.hierarchy.replaceChildren(organizationId, [...ancestors, id], childIds) : [];
    await this.users.adopt(caller, id, users as string[] | undefined);
    const ownerId = relationships.owner === undefined ? caller.userId : (relationships.owner as string | null);
    await this.outbox.publish(new CustomerCreated(id, name, parentId, ownerId, organizationId), ...moves.map(movedEvent(organizationId)));
    return id;
  }
}
