/**
 * Recomputes from source the lifetime sales value of the customers in `$1` (null = every customer): Σ base subtotal of
 * their orders paid in full and not cancelled, 0 without such orders. One statement whatever the number of customers:
 * customers with such orders take their sum, the others (not already 0) take 0 — two disjoint updates, so that the
 * common case costs one pass like a plain `UPDATE … FROM (… GROUP BY)`. Only changed values are written, and they come
 * back per organization, ordered by customer id.
 */
export const RECOMPUTE_LIFETIME_SALES_VALUES_SQL = `
  WITH sums AS (
    SELECT customer_id, sum(base_subtotal) AS amount
    FROM commerce.order
    WHERE payment_status = 'full' AND internal_status <> 'cancelled' AND ($1::bigint[] IS NULL OR customer_id = ANY($1::bigint[]))
    GROUP BY customer_id),
  paid AS (
    UPDATE commerce.customer c SET lifetime_sales_value = s.amount, updated_at = now()
    FROM sums s
    WHERE c.id = s.customer_id AND c.lifetime_sales_value <> s.amount
    RETURNING c.organization_id, c.id, c.lifetime_sales_value AS amount),
  unpaid AS (
    UPDATE commerce.customer c SET lifetime_sales_value = 0, updated_at = now()
    WHERE c.lifetime_sales_value <> 0 AND ($1::bigint[] IS NULL OR c.id = ANY($1::bigint[]))
      AND NOT EXISTS (SELECT 1 FROM sums s WHERE s.customer_id = c.id)
    RETURNING c.organization_id, c.id, c.lifetime_sales_value AS amount),
  changed AS (SELECT * FROM paid UNION ALL SELECT * FROM unpaid)
  SELECT organization_id::text AS "organizationId", array_agg(id::text ORDER BY id) AS "customerIds",
         array_agg(amount::text ORDER BY id) AS amounts
  FROM changed
  GROUP BY organization_id
  ORDER BY organization_id`;
