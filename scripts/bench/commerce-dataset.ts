/** Runs one SQL statement and answers with its rows (TypeORM's `DataSource.query`, a `pg` pool's wrapper, …). */
export type Query = (sql: string, parameters?: unknown[]) => Promise<any[]>;

export interface CommerceDatasetCounts {
  customers: number;
  customerUsers: number;
  orders: number;
  paidOrders: number;
  ms: number;
}

/** Base-currency rates of the data set's currencies (USD is the base). */
const RATES: Record<string, string> = { EUR: '1.1', GBP: '1.3' };

/**
 * A deterministic "random" number in [0, 1) from a seed and a key: the same data set for the same seed and scale,
 * whatever order the database happens to produce rows in.
 */
const unit = (key: string) => `((('x' || substr(md5($2::text || ':' || ${key}), 1, 8))::bit(32)::int::bigint + 2147483648) / 4294967296.0)`;

/**
 * Generates the targets.md data set for one organization with set-based SQL only (generate_series, no per-row round
 * trips): `scale` customers in hierarchies (1% roots, depth ≤ 4, `parent_id` and `path` = ids from the root down to the
 * customer), 2 customer users per customer, 10 orders per customer (≈70% paid in full, ≈5% cancelled, USD/EUR/GBP,
 * base subtotal filled for the paid ones). Levels hold 1%, 9%, 30% and 60% of the customers; each customer's parent is
 * drawn from the level above.
 */
export async function seedCommerceDataset(query: Query, organizationId: string, scale: number, seed = 'bench-42'): Promise<CommerceDatasetCounts> {
  const started = Date.now();
  const roots = Math.max(1, Math.round(scale * 0.01));
  const second = Math.min(scale - roots, Math.round(scale * 0.09));
  const third = Math.min(scale - roots - second, Math.round(scale * 0.3));
  const levels = [roots, second, third, scale - roots - second - third];
  const [{ offset }] = await query(`SELECT coalesce(max(id), 0)::bigint AS offset FROM commerce.customer`);
  let start = Number(offset);
  for (const [depth, size] of levels.entries()) {
    if (size === 0) continue;
    const parentSize = depth === 0 ? 0 : levels[depth - 1];
    const parentStart = start - parentSize;
    // Level 0: roots (path = own id); deeper levels: a parent from the level above, path = parent's path + own id.
    await query(
      depth === 0
        ? `INSERT INTO commerce.customer (id, organization_id, name, path)
           SELECT $2::bigint + i, $1::bigint, 'Customer ' || ($2::bigint + i), ARRAY[$2::bigint + i]
           FROM generate_series(1, $3::int) i`
        : `INSERT INTO commerce.customer (id, organization_id, name, parent_id, path)
           SELECT $3::bigint + g.i, $1::bigint, 'Customer ' || ($3::bigint + g.i), p.id, p.path || ($3::bigint + g.i)
           FROM (SELECT i, $5::bigint + 1 + floor(${unit("'parent:' || i")} * $6::int)::bigint AS parent FROM generate_series(1, $4::int) i) g
           JOIN commerce.customer p ON p.id = g.parent`,
      depth === 0 ? [organizationId, start, size] : [organizationId, seed, start, size, parentStart, parentSize],
    );
    start += size;
  }
  await query(`SELECT setval(pg_get_serial_sequence('commerce.customer', 'id'), $1::bigint)`, [start]);
  await query(
    `INSERT INTO commerce.customer_user (organization_id, customer_id, email, email_lowercase, first_name, last_name)
     SELECT $1::bigint, c.id, 'buyer' || k || '.' || c.id || '@bench.test', 'buyer' || k || '.' || c.id || '@bench.test', 'Buyer', 'No ' || k
     FROM commerce.customer c CROSS JOIN generate_series(1, 2) k
     WHERE c.organization_id = $1::bigint AND c.id > $2::bigint`,
    [organizationId, offset],
  );
  // Fresh statistics, so that the orders' join to their customer users is planned as the hash join it is.
  await query('ANALYZE commerce.customer');
  await query('ANALYZE commerce.customer_user');
  await query(
    `INSERT INTO platform.currency_rate (organization_id, currency, rate)
     SELECT $1::bigint, r.currency, r.rate::numeric FROM jsonb_each_text($2::jsonb) AS r(currency, rate)
     ON CONFLICT DO NOTHING`,
    [organizationId, JSON.stringify(RATES)],
  );
  await query(
    `INSERT INTO commerce.order (organization_id, identifier, customer_id, customer_user_id, currency, subtotal, total, base_subtotal,
                                 internal_status, payment_status, created_at, updated_at)
     SELECT $1::bigint, 'SO-' || o.customer_id || '-' || o.k, o.customer_id, CASE WHEN o.k % 2 = 1 THEN u.id END, o.currency, o.subtotal, o.subtotal * 1.2,
            CASE WHEN o.paid THEN round(o.subtotal * CASE o.currency WHEN 'EUR' THEN ${RATES.EUR} WHEN 'GBP' THEN ${RATES.GBP} ELSE 1 END, 4) END,
            CASE WHEN o.cancelled THEN 'cancelled' WHEN o.paid THEN 'closed' ELSE 'open' END,
            CASE WHEN o.paid THEN 'full' ELSE (ARRAY['pending', 'partially', 'authorized', 'declined'])[1 + o.other] END,
            o.created_at, o.created_at
     FROM (
       SELECT c.id AS customer_id, k,
              ${unit("'paid:' || c.id || ':' || k")} < 0.70 AS paid,
              ${unit("'cancelled:' || c.id || ':' || k")} < 0.05 AS cancelled,
              (ARRAY['USD', 'EUR', 'GBP'])[1 + floor(${unit("'currency:' || c.id || ':' || k")} * 3)::int] AS currency,
              floor(${unit("'other:' || c.id || ':' || k")} * 4)::int AS other,
              round((10 + ${unit("'subtotal:' || c.id || ':' || k")} * 990)::numeric, 2) AS subtotal,
              now() - make_interval(secs => floor(${unit("'created:' || c.id || ':' || k")} * 3 * 365 * 86400)::int) AS created_at
       FROM commerce.customer c CROSS JOIN generate_series(1, 10) k
       WHERE c.organization_id = $1::bigint AND c.id > $3::bigint) o
     -- Odd-numbered orders were placed by the customer's first user.
     JOIN commerce.customer_user u ON u.organization_id = $1::bigint AND u.email_lowercase = 'buyer1.' || o.customer_id || '@bench.test'`,
    [organizationId, seed, offset],
  );
  const [counts] = await query(
    `SELECT (SELECT count(*) FROM commerce.customer WHERE organization_id = $1)::int AS customers,
            (SELECT count(*) FROM commerce.customer_user WHERE organization_id = $1)::int AS "customerUsers",
            (SELECT count(*) FROM commerce.order WHERE organization_id = $1)::int AS orders,
            (SELECT count(*) FROM commerce.order WHERE organization_id = $1 AND payment_status = 'full')::int AS "paidOrders"`,
    [organizationId],
  );
  await query('VACUUM ANALYZE commerce.customer');
  await query('VACUUM ANALYZE commerce.customer_user');
  await query('VACUUM ANALYZE commerce.order');
  return { ...counts, ms: Date.now() - started };
}
