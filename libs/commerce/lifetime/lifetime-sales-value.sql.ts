/**
 * Recomputes from source the lifetime sales value of the customers in `$1` (null = every customer): Σ base subtotal of
 * their orders paid in full and not cancelled, 0 without such orders. One statement whatever the number of customers;
 * only changed values are written, and they come back per organization, ordered by customer id.
 */
export const RECOMPUTE_LIFETIME_SALES_VALUES_SQL = `
  WITH sums AS (
    SELECT customer_id, sum(base_subtotal) AS amount
    FROM commerce.order
    WHERE payment_status = 'full' AND internal_status <> 'cancelled' AND ($1::bigint[] IS NULL OR customer_id = ANY($1::bigint[]))
    GROUP BY customer_id),
  wanted AS (
    SELECT c.id, coalesce(s.amount, 0) AS amount
    FROM commerce.customer c LEFT JOIN sums s ON s.customer_id = c.id
    WHERE $1::bigint[] IS NULL OR c.id = ANY($1::bigint[])),
  changed AS (
    UPDATE commerce.customer c SET lifetime_sales_value = w.amount, updated_at = now()
    FROM wanted w
    WHERE c.id = w.id AND c.lifetime_sales_value <> w.amount
    RETURNING c.organization_id, c.id, c.lifetime_sales_value AS amount)
  SELECT organization_id::text AS "organizationId", array_agg(id::text ORDER BY id) AS "customerIds",
         array_agg(amount::text ORDER BY id) AS amounts
  FROM changed
  GROUP BY organization_id
  ORDER BY organization_id`;
