import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CountCustomers, CustomerCount, CustomerView, GetCustomer, GetCustomerAncestors, GetCustomerRoot, GetCustomerSubtree, ListCustomers } from '../../contracts/commerce';
import { prepared } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { CUSTOMER_ANCESTORS_SQL, CUSTOMER_ROOT_SQL, CUSTOMER_SUBTREE_SQL, CUSTOMER_VIEW_COLUMNS } from './customer-tree.sql';

const ID = /^\d{1,18}$/;
const MAX_PAGE = 10_000;

@QueryHandler(GetCustomer)
export class GetCustomerHandler implements IQueryHandler<GetCustomer, CustomerView | null> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ organizationId, customerId }: GetCustomer): Promise<CustomerView | null> {
    if (!ID.test(customerId)) return null;
    const [row] = await this.store.query(`SELECT ${CUSTOMER_VIEW_COLUMNS} FROM commerce.customer WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      customerId,
    ]);
    return row ?? null;
  }
}

@QueryHandler(GetCustomerAncestors)
export class GetCustomerAncestorsHandler implements IQueryHandler<GetCustomerAncestors, string[] | null> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ organizationId, customerId }: GetCustomerAncestors): Promise<string[] | null> {
    if (!ID.test(customerId)) return null;
    const [row] = await this.store.query(CUSTOMER_ANCESTORS_SQL, [organizationId, customerId]);
    return row ? row.ids : null;
  }
}

@QueryHandler(GetCustomerRoot)
export class GetCustomerRootHandler implements IQueryHandler<GetCustomerRoot, string | null> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ organizationId, customerId }: GetCustomerRoot): Promise<string | null> {
    if (!ID.test(customerId)) return null;
    const [row] = await this.store.query(CUSTOMER_ROOT_SQL, [organizationId, customerId]);
    return row ? row.rootId : null;
  }
}

@QueryHandler(GetCustomerSubtree)
export class GetCustomerSubtreeHandler implements IQueryHandler<GetCustomerSubtree, CustomerView[]> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ organizationId, customerId }: GetCustomerSubtree): Promise<CustomerView[]> {
    if (!ID.test(customerId)) return [];
    return this.store.query(CUSTOMER_SUBTREE_SQL, [organizationId, customerId]);
  }
}

// Two fixed shapes (the account overview runs the second on every read): prepared. Named customers have their own, so
// that its generic plan probes the ids given: one shape for both walked the whole table in id order (seconds a call
// on a million customers, when the integration links a batch of new ones).
const LIST_CUSTOMERS = prepared(
  `SELECT ${CUSTOMER_VIEW_COLUMNS} FROM commerce.customer c
   WHERE c.id > $1 AND ($2::bigint IS NULL OR c.organization_id = $2)
   ORDER BY c.id LIMIT $3`,
);
const LIST_NAMED_CUSTOMERS = prepared(
  `SELECT ${CUSTOMER_VIEW_COLUMNS} FROM commerce.customer c
   WHERE c.id = ANY($1::bigint[]) AND c.id > $2 AND ($3::bigint IS NULL OR c.organization_id = $3)
   ORDER BY c.id LIMIT $4`,
);

@QueryHandler(ListCustomers)
export class ListCustomersHandler implements IQueryHandler<ListCustomers, CustomerView[]> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ organizationId, afterId, limit, customerIds }: ListCustomers): Promise<CustomerView[]> {
    if (afterId !== null && !ID.test(afterId)) return [];
    const size = Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_PAGE);
    if (customerIds) return this.store.query(LIST_NAMED_CUSTOMERS, [customerIds.filter((id) => ID.test(id)), afterId ?? '0', organizationId, size]);
    return this.store.query(LIST_CUSTOMERS, [afterId ?? '0', organizationId, size]);
  }
}

@QueryHandler(CountCustomers)
export class CountCustomersHandler implements IQueryHandler<CountCustomers, CustomerCount[]> {
  constructor(private readonly store: CommerceStore) {}

  execute({ organizationId }: CountCustomers): Promise<CustomerCount[]> {
    return this.store.query(
      `SELECT organization_id::text AS "organizationId", count(*)::int AS count FROM commerce.customer
       WHERE $1::bigint IS NULL OR organization_id = $1 GROUP BY organization_id ORDER BY organization_id`,
      [organizationId],
    );
  }
}
