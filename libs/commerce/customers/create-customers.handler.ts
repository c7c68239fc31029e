import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomersCreated } from '../../contracts/commerce';
import { BusinessRuleViolation, Outbox } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { CreateCustomers } from './customer.commands';
import { CustomerHierarchy } from './customer-hierarchy';
import { requireNode } from './customer-moves';
import { customersResource } from './customer.resource';

/**
 * Many new customers in a few statements (a CSV import's set-based path): parents checked under the organization's
 * tree lock as one create does, one INSERT per set of columns (each row with its path), one `CustomersCreated` event for
 * them all. New customers have no children, so no cycle can form.
 */
@CommandHandler(CreateCustomers)
export class CreateCustomersHandler implements ICommandHandler<CreateCustomers, string[]> {
  constructor(
    private readonly store: CommerceStore,
    private readonly hierarchy: CustomerHierarchy,
    private readonly outbox: Outbox,
  ) {}

  async execute({ caller, inputs }: CreateCustomers): Promise<string[]> {
    const organizationId = caller.organizationId;
    if (inputs.some((input) => 'children' in input.relationships || 'users' in input.relationships)) {
      throw new BusinessRuleViolation('Customers created together cannot take children or users.', { relationship: 'children' });
    }
    const parentIds = [...new Set(inputs.map((input) => input.relationships.parent).filter((id): id is string => typeof id === 'string'))];
    const parentPaths = new Map<string, string[]>();
    if (parentIds.length) {
      await this.hierarchy.lock(organizationId);
      const nodes = await this.hierarchy.nodes(organizationId, parentIds);
      for (const id of parentIds) parentPaths.set(id, requireNode(nodes, id, 'parent').path);
    }
    // Ids taken first (as one array), so each row is inserted with its path (no second pass over the new rows). The
    // sequence is named (a constant): `pg_get_serial_sequence` would look it up again for every id, 7× the cost.
    const [{ reserved }]: Array<{ reserved: string[] }> = await this.store.query(
      `SELECT array_agg(nextval('commerce.customer_id_seq'))::text[] AS reserved FROM generate_series(1, $1::int)`,
      [inputs.length],
    );
    const extra = inputs.map((input, i): Record<string, [unknown, string]> => {
      const parent = input.relationships.parent;
      const path = [...(typeof parent === 'string' ? parentPaths.get(parent)! : []), reserved[i]];
      return { id: [reserved[i], 'bigint'], path: [path, 'bigint[]'] };
    });
    const ids = await this.store.writer().insertMany(customersResource, inputs, caller, extra);
    await this.outbox.publish(new CustomersCreated(organizationId, ids));
    return ids;
  }
}
