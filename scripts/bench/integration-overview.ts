import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { compareReads } from './api-reads';
import { withLinkedDataset } from './linked-dataset';

/**
 * S6: the account 360° overview (`GET /admin/api/accounts/{id}/overview`) on the targets' data set linked under the
 * "each" strategy, against a bare handler fetching the same data with hand-written SQL.
 */
export async function benchAccountOverview({ scale, seconds, concurrency }: { scale: number; seconds: number; concurrency: number }): Promise<void> {
  await withLinkedDataset(scale, async ({ database, manifests, seed, organizationId }) => {
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
    console.log(`scale=${scale}\n`);
    for (const line of lines) console.log(line);
  });
}

/** The baseline: the overview's data for an account with hand-written SQL on one pooled connection per request. */
function overviewRoute(baseline: FastifyInstance, pool: Pool, organizationId: string): void {
  baseline.get<{ Params: { id: string } }>('/overview/:id', async (request) => {
    const id = request.params.id;
    const client = await pool.connect();
    try {
      const account = (await client.query(`SELECT id::text, name, owner_id::text FROM crm.account WHERE id = $1 AND organization_id = $2`, [id, organizationId])).rows[0];
      const values = (
        await client.query(
          `SELECT v.channel_id::text, ch.name, v.amount::text FROM crm.account_lifetime_value v LEFT JOIN crm.channel ch ON ch.id = v.channel_id WHERE v.account_id = $1`,
          [id],
        )
      ).rows;
      const contacts = (
        await client.query(
          `SELECT c.id::text, c.first_name, c.last_name, count(*) OVER () AS total FROM crm.account_contact ac JOIN crm.contact c ON c.id = ac.contact_id
           WHERE ac.account_id = $1 ORDER BY c.last_name, c.first_name, c.id LIMIT 10`,
          [id],
        )
      ).rows;
      const businessCustomers = (
        await client.query(`SELECT id::text, name, lifetime::text, count(*) OVER () AS total FROM crm.b2b_customer WHERE account_id = $1 ORDER BY name, id LIMIT 10`, [id])
      ).rows;
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
      return { data: { account, values, contacts, businessCustomers, opportunities, customers } };
    } finally {
      client.release();
    }
  });
}
