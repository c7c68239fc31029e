import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CustomerOverview, GetCustomerOverview } from '../../contracts/commerce';
import { CurrencyConverter, prepared } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';

const RECENT_ORDERS = 10;

// One prepared statement per overview of a customer (the account overview reads one per customer it shows).
const CUSTOMER_OVERVIEW = prepared(
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
   WHERE c.id = $1 AND c.organization_id = $2`,
);

/** A customer with its users and latest orders, in one query (the users and orders are aggregated as JSON). */
@QueryHandler(GetCustomerOverview)
export class GetCustomerOverviewHandler implements IQueryHandler<GetCustomerOverview, CustomerOverview | null> {
  constructor(
    private readonly store: CommerceStore,
    private readonly currencies: CurrencyConverter,
  ) {}

  async execute({ organizationId, customerId }: GetCustomerOverview): Promise<CustomerOverview | null> {
    if (!/^\d{1,18}$/.test(customerId) || !/^\d{1,18}$/.test(organizationId)) return null;
    const [row] = await this.store.query(CUSTOMER_OVERVIEW, [customerId, organizationId]);
    if (!row) return null;
    return { ...row, baseCurrency: await this.currencies.baseCurrencyOf(organizationId) };
  }
}
