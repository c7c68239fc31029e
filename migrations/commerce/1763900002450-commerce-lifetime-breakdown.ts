import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lifetime breakdown (issue 11 item 6, oroinc/crm#243): each customer's count of orders paid in full and not
 * cancelled (the orders its lifetime sales value sums) and the value of its whole subtree. Existing data is filled
 * set-based: the counts from the lifetime index, the subtree values by adding each customer's value to every id on its
 * path (itself and its ancestors).
 */
export class CommerceLifetimeBreakdown1763900002450 implements MigrationInterface {
  name = 'CommerceLifetimeBreakdown1763900002450';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE commerce.customer
        ADD COLUMN lifetime_paid_order_count integer NOT NULL DEFAULT 0,
        ADD COLUMN subtree_lifetime_sales_value numeric(19, 4) NOT NULL DEFAULT 0`);
    await q.query(`
      UPDATE commerce.customer c SET lifetime_paid_order_count = s.orders
      FROM (SELECT customer_id, count(*) AS orders FROM commerce.order
            WHERE payment_status = 'full' AND internal_status <> 'cancelled' GROUP BY customer_id) s
      WHERE c.id = s.customer_id`);
    await q.query(`
      UPDATE commerce.customer c SET subtree_lifetime_sales_value = s.amount
      FROM (SELECT a.id, sum(d.lifetime_sales_value) AS amount
            FROM commerce.customer d CROSS JOIN LATERAL unnest(d.path) AS a(id)
            WHERE d.lifetime_sales_value <> 0 GROUP BY a.id) s
      WHERE c.id = s.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce.customer DROP COLUMN lifetime_paid_order_count, DROP COLUMN subtree_lifetime_sales_value`);
  }
}
