import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CustomerLifetimeValue, ListCustomerLifetimeValues } from '../../contracts/commerce';
import { CommerceStore } from '../shared/commerce-store';

const ID = /^\d{1,18}$/;
const MAX_PAGE = 10_000;

@QueryHandler(ListCustomerLifetimeValues)
export class ListCustomerLifetimeValuesHandler implements IQueryHandler<ListCustomerLifetimeValues, CustomerLifetimeValue[]> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ organizationId, afterId, limit, customerIds }: ListCustomerLifetimeValues): Promise<CustomerLifetimeValue[]> {
    if (afterId !== null && !ID.test(afterId)) return [];
    const size = Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_PAGE);
    const only = customerIds?.filter((id) => ID.test(id)) ?? null;
    return this.store.query(
      `SELECT id::text AS "customerId", organization_id::text AS "organizationId", lifetime_sales_value::text AS amount,
              lifetime_paid_order_count AS "paidOrderCount",
              lifetime_version::text AS version
       FROM commerce.customer
       WHERE id > $1 AND ($2::bigint IS NULL OR organization_id = $2) AND ($3::bigint[] IS NULL OR id = ANY($3::bigint[]))
       ORDER BY id LIMIT ${size}`,
      [afterId ?? '0', organizationId, only],
    );
  }
}
