import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CustomerOverview, GetCustomerOverview, GetCustomerOverviews, ListedCustomerOverview } from '../../contracts/commerce';
import { CurrencyConverter, prepared } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';

const RECENT_ORDERS = 10;

const ID = /^\d{1,18}$/;

// One prepared statement for the overviews of any number of customers (the account overview reads those it shows).
const CUSTOMER_OVERVIEWS = prepared(
  `SELECT c.id::text AS id, c.name, c.lifetime_sales_value::text AS "lifetimeSalesValue",
     c.lifetime_paid_order_count AS "lifetimePaidOrderCount", c.subtree_lifetime_sales_value::text AS "subtreeLifetimeSalesValue",
     (SELECT coalesce(json_agg(json_build_object('id', u.id::text, 'email', u.email, 'firstName', u.first_name,
               'lastName', u.last_name, 'enabled', u.enabled) ORDER BY u.id), '[]')
      FROM commerce.customer_user u WHERE u.customer_id = c.id) AS users,
     (SELECT coalesce(json_agg(json_build_object('id', o.id::text, 'identifier', o.identifier, 'currency', o.currency,
               'subtotal', o.subtotal::text, 'total', o.total::text, 'internalStatus', o.internal_status,
               'paymentStatus', o.payment_status,
               'createdAt', to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
               ORDER BY o.created_at DESC, o.id DESC), '[]')
      FROM (SELECT * FROM commerce.order WHERE customer_id = c.id ORDER BY created_at DESC, id DESC LIMIT ${RECENT_ORDERS}) o) AS "recentOrders"
   FROM commerce.customer c
   WHERE c.id = ANY($1::bigint[]) AND c.organization_id = $2
   ORDER BY c.id`,
);

/** Customers with their users and latest orders, in one query (the users and orders are aggregated as JSON). */
async function customerOverviews(store: CommerceStore, organizationId: string, customerIds: string[]): Promise<ListedCustomerOverview[]> {
  const ids = customerIds.filter((id) => ID.test(id));
  if (ids.length === 0 || !ID.test(organizationId)) return [];
  return store.query(CUSTOMER_OVERVIEWS, [ids, organizationId]);
}

@QueryHandler(GetCustomerOverview)
export class GetCustomerOverviewHandler implements IQueryHandler<GetCustomerOverview, CustomerOverview | null> {
  constructor(
    private readonly store: CommerceStore,
    private readonly currencies: CurrencyConverter,
  ) {}

  async execute({ organizationId, customerId }: GetCustomerOverview): Promise<CustomerOverview | null> {
    const [overview] = await customerOverviews(this.store, organizationId, [customerId]);
    return overview ? { ...overview, baseCurrency: await this.currencies.baseCurrencyOf(organizationId) } : null;
  }
}

@QueryHandler(GetCustomerOverviews)
export class GetCustomerOverviewsHandler implements IQueryHandler<GetCustomerOverviews, ListedCustomerOverview[]> {
  constructor(private readonly store: CommerceStore) {}

  execute({ organizationId, customerIds }: GetCustomerOverviews): Promise<ListedCustomerOverview[]> {
    return customerOverviews(this.store, organizationId, customerIds);
  }
}
