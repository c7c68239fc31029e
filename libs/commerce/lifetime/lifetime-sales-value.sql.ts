/**
 * Recomputes from source the lifetime sales value and paid-order count of the customers in `$1` (null = every
 * customer): Σ base subtotal and number of their orders paid in full and not cancelled, 0 without such orders. One
 * statement whatever the number of customers: customers with such orders take their sums, the others (not already 0)
 * take 0 — two disjoint updates, so that the common case costs one pass like a plain `UPDATE … FROM (… GROUP BY)`. Only
 * changed values are written, each with a new version from `commerce.lifetime_version_seq` (the version covers value
 * and count: readers keep the pair with the highest version), and they come back per organization, ordered by
 * customer id.
 */
export const RECOMPUTE_LIFETIME_SALES_VALUES_SQL = `
  WITH sums AS (
    SELECT customer_id, sum(base_subtotal) AS amount, count(*)::int AS orders
    FROM commerce.order
    WHERE payment_status = 'full' AND internal_status <> 'cancelled' AND ($1::bigint[] IS NULL OR customer_id = ANY($1::bigint[]))
    GROUP BY customer_id),
  paid AS (
    UPDATE commerce.customer c SET lifetime_sales_value = s.amount, lifetime_paid_order_count = s.orders,
      lifetime_version = nextval('commerce.lifetime_version_seq'), updated_at = now()
    FROM sums s
    WHERE c.id = s.customer_id AND (c.lifetime_sales_value <> s.amount OR c.lifetime_paid_order_count <> s.orders)
    RETURNING c.organization_id, c.id, c.lifetime_sales_value AS amount, c.lifetime_paid_order_count AS orders, c.lifetime_version AS version),
  unpaid AS (
    UPDATE commerce.customer c SET lifetime_sales_value = 0, lifetime_paid_order_count = 0,
      lifetime_version = nextval('commerce.lifetime_version_seq'), updated_at = now()
    WHERE (c.lifetime_sales_value <> 0 OR c.lifetime_paid_order_count <> 0) AND ($1::bigint[] IS NULL OR c.id = ANY($1::bigint[]))
      AND NOT EXISTS (SELECT 1 FROM sums s WHERE s.customer_id = c.id)
    RETURNING c.organization_id, c.id, c.lifetime_sales_value AS amount, c.lifetime_paid_order_count AS orders, c.lifetime_version AS version),
  changed AS (SELECT * FROM paid UNION ALL SELECT * FROM unpaid)
  SELECT organization_id::text AS "organizationId", array_agg(id::text ORDER BY id) AS "customerIds",
         array_agg(amount::text ORDER BY id) AS amounts, array_agg(orders ORDER BY id) AS "paidOrderCounts",
         array_agg(version::text ORDER BY id) AS versions
  FROM changed
  GROUP BY organization_id
  ORDER BY organization_id`;

/**
 * Recomputes from source, after the values above, the subtree lifetime sales value of the customers in `$1` and of all
 * their ancestors (null = every customer): each customer's value is added to every id on its path (itself and its
 * ancestors), so one grouped pass over the subtrees concerned (GIN index on `path`) gives every target its sum. Only
 * changed values are written; returns how many.
 */
export const RECOMPUTE_SUBTREE_SALES_VALUES_SQL = `
  WITH targets AS (
    SELECT array_agg(DISTINCT a.id) AS ids
    FROM commerce.customer c CROSS JOIN LATERAL unnest(c.path) AS a(id)
    WHERE $1::bigint[] IS NOT NULL AND c.id = ANY($1::bigint[])),
  sums AS (
    SELECT a.id, sum(d.lifetime_sales_value) AS amount
    FROM commerce.customer d CROSS JOIN LATERAL unnest(d.path) AS a(id)
    WHERE $1::bigint[] IS NULL OR (d.path && (SELECT ids FROM targets)::bigint[] AND a.id = ANY((SELECT ids FROM targets)::bigint[]))
    GROUP BY a.id),
  updated AS (
    UPDATE commerce.customer c SET subtree_lifetime_sales_value = s.amount, updated_at = now()
    FROM sums s
    WHERE c.id = s.id AND c.subtree_lifetime_sales_value <> s.amount
    RETURNING 1)
  SELECT count(*)::int AS corrected FROM updated`;

/**
 * Takes up to `$1` requests off the waiting list (rows another run holds are skipped, and rows of transactions not yet
 * committed are not seen, so their payments wait for the next run), in the caller's transaction: if it rolls back they
 * wait again. Answers each customer once, with how many of its requests were taken.
 */
export const CLAIM_PENDING_CUSTOMERS_SQL = `
  WITH claimed AS (
    DELETE FROM commerce.lifetime_pending WHERE id IN (
      SELECT id FROM commerce.lifetime_pending ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING customer_id)
  SELECT customer_id::text AS id, count(*)::int AS requests FROM claimed GROUP BY customer_id`;

/**
 * Locks the customers' rows and their ancestors' in id order before their sums are read, so that a recomputation
 * running at the same time for one of them (the full one, or a batch with a customer of the same tree) commits first
 * and this run's sums, read after the lock, include everything that committed before: the later recomputation always
 * writes the later value, with the higher version, and the later subtree sums. The lock is the one the update itself
 * takes (`NO KEY UPDATE`): orders written meanwhile only share the customer's key (their foreign key check) and are not
 * held up.
 */
export const LOCK_CUSTOMERS_SQL = `
  SELECT 1 FROM commerce.customer
  WHERE id IN (SELECT unnest(path) FROM commerce.customer WHERE id = ANY($1::bigint[])) OR id = ANY($1::bigint[])
  ORDER BY id FOR NO KEY UPDATE`;
