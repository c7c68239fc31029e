import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { createOrganization, dataSourceOptions, resolveModules, runMigrations } from '../../libs/platform';
import { compareReads } from './api-reads';
import { benchDatabase } from './bench-database';
import { Query, seedCommerceDataset } from './commerce-dataset';

/**
 * S6: the account 360° overview (`GET /admin/api/accounts/{id}/overview`) on the targets' data set linked under the
 * "each" strategy, against a bare handler fetching the same data with hand-written SQL.
 */
export async function benchAccountOverview({ scale, seconds, concurrency }: { scale: number; seconds: number; concurrency: number }): Promise<void> {
  const database = await benchDatabase();
  const manifests = resolveModules(['crm', 'commerce', 'integration'], moduleCatalog);
  try {
    await runMigrations(database, manifests);
    const seed = await new DataSource(dataSourceOptions(database, manifests)).initialize();
    const organizationId = await createOrganization(seed, 'Bench');
    const query: Query = (sql, parameters) => seed.query(sql, parameters);
    const counts = await seedCommerceDataset(query, organizationId, scale);
    const t0 = Date.now();
    const accounts = await linkEach(query, organizationId);
    await seed.query('ANALYZE');
    console.log(
      `\nSeeded ${counts.customers} customers with ${counts.orders} orders in ${counts.ms} ms, then ${accounts} accounts (strategy each), ` +
        `their associations, commerce totals and ${Math.round(accounts / 5)} opportunities in ${Date.now() - t0} ms\n`,
    );
    const [{ low, high }] = await seed.query(`SELECT min(id)::int AS low, max(id)::int AS high FROM crm.account WHERE organization_id = $1`, [organizationId]);
    const randomAccount = () => String(low + Math.floor(Math.random() * (high - low + 1)));
    const lines = await compareReads({
      database,
      manifests,
      seed,
      organizationId,
      concurrency,
      seconds,
      routes: (baseline, pool) => overviewRoute(baseline, pool, organizationId),
      pairs: [{ name: 'GET /admin/api/accounts/{id}/overview (S6)', ours: () => `/admin/api/accounts/${randomAccount()}/overview`, baseline: () => `/overview/${randomAccount()}` }],
    });
    await seed.destroy();
    console.log(`scale=${scale}\n`);
    for (const line of lines) console.log(line);
  } finally {
    await database.close();
  }
}

/**
 * The data set's accounts as the integration makes them under "each" (set-based, for the benchmark only): one account
 * per customer, its customer association and account-level association, the link with the customer's lifetime sales
 * value, the commerce channel's totals, and an open opportunity on every fifth customer. Returns the account count.
 */
export async function linkEach(query: Query, organizationId: string): Promise<number> {
  await query(
    `UPDATE commerce.customer c SET lifetime_sales_value = s.value
     FROM (SELECT customer_id, sum(base_subtotal) AS value FROM commerce.order
           WHERE payment_status = 'full' AND internal_status <> 'cancelled' GROUP BY customer_id) s
     WHERE c.id = s.customer_id AND c.organization_id = $1`,
    [organizationId],
  );
  await query(
    `INSERT INTO crm.account (organization_id, owner_id, name, external_id)
     SELECT organization_id, 1, name, 'C' || id FROM commerce.customer WHERE organization_id = $1`,
    [organizationId],
  );
  await query(
    `INSERT INTO crm.customer_association (organization_id, account_id, target_type, target_id)
     SELECT organization_id, id, 'commerce.customer', substr(external_id, 2) FROM crm.account WHERE organization_id = $1
     UNION ALL SELECT organization_id, id, NULL, NULL FROM crm.account WHERE organization_id = $1`,
    [organizationId],
  );
  await query(
    `INSERT INTO integration.customer_account (customer_id, organization_id, account_id, association_id, lifetime_sales_value)
     SELECT c.id, c.organization_id, a.account_id, a.id, c.lifetime_sales_value
     FROM crm.customer_association a JOIN commerce.customer c ON c.id = a.target_id::bigint
     WHERE a.organization_id = $1 AND a.target_type = 'commerce.customer'`,
    [organizationId],
  );
  const [{ id: channel }] = await query(
    `INSERT INTO crm.channel (organization_id, name, channel_type, status, is_system) VALUES ($1, 'Commerce', 'commerce', 'active', true) RETURNING id`,
    [organizationId],
  );
  await query(
    `INSERT INTO crm.account_lifetime_value (organization_id, account_id, channel_id, amount)
     SELECT organization_id, account_id, $2, sum(lifetime_sales_value) FROM integration.customer_account WHERE organization_id = $1
     GROUP BY organization_id, account_id`,
    [organizationId, channel],
  );
  await query(
    `INSERT INTO crm.opportunity (organization_id, owner_id, name, probability, budget_amount, budget_currency, customer_association_id)
     SELECT organization_id, 1, 'Deal ' || id, 10, 1000, 'USD', id FROM crm.customer_association
     WHERE organization_id = $1 AND target_type = 'commerce.customer' AND id % 5 = 0`,
    [organizationId],
  );
  const [{ count }] = await query(`SELECT count(*)::int AS count FROM crm.account WHERE organization_id = $1`, [organizationId]);
  return count;
}

/** The baseline: the overview's data for an account with hand-written SQL on one pooled connection per request. */
function overviewRoute(baseline: FastifyInstance, pool: Pool, organizationId: string): void {
  baseline.get<{ Params: { id: string } }>('/overview/:id', async (request) => {
    const id = request.params.id;
    const client = await pool.connect();
    try {
      const account = (await client.query(`SELECT id::text, name, owner_id::text FROM crm.account WHERE id = $1 AND organization_id = $2`, [id, organizationId])).rows[0];
      const values = (await client.query(`SELECT channel_id::text, amount::text FROM crm.account_lifetime_value WHERE account_id = $1`, [id])).rows;
      const opportunities = (
        await client.query(
          `SELECT o.id::text, o.name, o.status, o.budget_amount::text FROM crm.customer_association a JOIN crm.opportunity o ON o.customer_association_id = a.id
           WHERE a.account_id = $1 AND o.status NOT IN ('won', 'lost') ORDER BY o.created_at DESC LIMIT 20`,
          [id],
        )
      ).rows;
      const customers = (
        await client.query(
          `SELECT c.id::text, c.name, c.lifetime_sales_value::text,
                  (SELECT json_agg(u) FROM (SELECT id, email, first_name, last_name, enabled FROM commerce.customer_user WHERE customer_id = c.id ORDER BY id) u) AS users,
                  (SELECT json_agg(o) FROM (SELECT id, identifier, currency, subtotal, total, internal_status, payment_status, created_at
                                            FROM commerce.order WHERE customer_id = c.id ORDER BY created_at DESC LIMIT 10) o) AS orders
           FROM integration.customer_account l JOIN commerce.customer c ON c.id = l.customer_id
           WHERE l.account_id = $1 ORDER BY c.id LIMIT 20`,
          [id],
        )
      ).rows;
      return { data: { account, values, opportunities, customers } };
    } finally {
      client.release();
    }
  });
}
