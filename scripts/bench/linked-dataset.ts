import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { DatabaseHandle, ModuleManifest, createOrganization, dataSourceOptions, resolveModules, runMigrations } from '../../libs/platform/runtime';
import { benchDatabase } from './bench-database';
import { Query, seedCommerceDataset } from './commerce-dataset';

export interface LinkedDataset {
  database: DatabaseHandle;
  manifests: ModuleManifest[];
  seed: DataSource;
  organizationId: string;
}

/**
 * The integration benchmarks' setup: a fresh database with every module, the targets' commerce data set and its
 * accounts under the "each" strategy; `work` runs on it, then the database goes.
 */
export async function withLinkedDataset(scale: number, work: (dataset: LinkedDataset) => Promise<void>): Promise<void> {
  await withIntegrationDataset(scale, true, work);
}

/**
 * The same data set before the integration linked anything (the customers' lifetime sales values computed, no
 * accounts), for the backfill benchmark.
 */
export async function withUnlinkedDataset(scale: number, work: (dataset: LinkedDataset) => Promise<void>): Promise<void> {
  await withIntegrationDataset(scale, false, work);
}

async function withIntegrationDataset(scale: number, linked: boolean, work: (dataset: LinkedDataset) => Promise<void>): Promise<void> {
  const database = await benchDatabase();
  const manifests = resolveModules(['crm', 'commerce', 'integration'], moduleCatalog);
  try {
    await runMigrations(database, manifests);
    const seed = await new DataSource(dataSourceOptions(database, manifests)).initialize();
    try {
      const organizationId = await createOrganization(seed, 'Bench');
      const query: Query = (sql, parameters) => seed.query(sql, parameters);
      const counts = await seedCommerceDataset(query, organizationId, scale);
      const t0 = Date.now();
      if (linked) {
        const accounts = await linkEach(query, organizationId);
        console.log(
          `\nSeeded ${counts.customers} customers with ${counts.orders} orders in ${counts.ms} ms, then ${accounts} accounts (strategy each), ` +
            `their associations, commerce totals and ${Math.round(accounts / 5)} opportunities in ${Date.now() - t0} ms\n`,
        );
      } else {
        await computeLifetimeValues(query, organizationId);
        console.log(`\nSeeded ${counts.customers} customers with ${counts.orders} orders in ${counts.ms} ms (no accounts yet)\n`);
      }
      await seed.query('ANALYZE');
      await work({ database, manifests, seed, organizationId });
    } finally {
      await seed.destroy();
    }
  } finally {
    await database.close();
  }
}

/**
 * The data set's accounts as the integration makes them under "each" (set-based, for the benchmark only): the
 * customers' lifetime sales values, then the accounts and their links, then an open opportunity on every fifth
 * customer. Returns the account count.
 */
async function linkEach(query: Query, organizationId: string): Promise<number> {
  await computeLifetimeValues(query, organizationId);
  const count = await linkEachByHand(query, organizationId);
  await query(
    `INSERT INTO crm.opportunity (organization_id, owner_id, name, probability, budget_amount, budget_currency, customer_association_id)
     SELECT organization_id, 1, 'Deal ' || id, 0.1, 1000, 'USD', id FROM crm.customer_association
     WHERE organization_id = $1 AND target_type = 'commerce.customer' AND id % 5 = 0`,
    [organizationId],
  );
  return count;
}

/** The customers' lifetime sales values as Commerce computes them (Σ base subtotal of orders paid in full, not cancelled). */
export async function computeLifetimeValues(query: Query, organizationId: string): Promise<void> {
  await query(
    `UPDATE commerce.customer c SET lifetime_sales_value = s.value
     FROM (SELECT customer_id, sum(base_subtotal) AS value FROM commerce.order
           WHERE payment_status = 'full' AND internal_status <> 'cancelled' GROUP BY customer_id) s
     WHERE c.id = s.customer_id AND c.organization_id = $1`,
    [organizationId],
  );
}

/**
 * One account per customer written by hand with `INSERT … SELECT` (the backfill benchmark's baseline): the accounts,
 * their customer associations and account-level associations, the links with the customers' lifetime sales values,
 * the commerce channel and its totals. Returns the account count.
 */
export async function linkEachByHand(query: Query, organizationId: string): Promise<number> {
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
    `INSERT INTO integration.customer_account (customer_id, organization_id, account_id, association_id, lifetime_sales_value, root_customer_id)
     SELECT c.id, c.organization_id, a.account_id, a.id, c.lifetime_sales_value, c.path[1]
     FROM crm.customer_association a JOIN commerce.customer c ON c.id = a.target_id::bigint
     WHERE a.organization_id = $1 AND a.target_type = 'commerce.customer'`,
    [organizationId],
  );
  const [{ id: channel }] = await query(
    `INSERT INTO crm.channel (organization_id, name, channel_type, status, is_system) VALUES ($1, 'Commerce', 'commerce', 'active', true)
     ON CONFLICT (organization_id, channel_type) WHERE is_system DO UPDATE SET name = excluded.name RETURNING id`,
    [organizationId],
  );
  await query(
    `INSERT INTO crm.account_lifetime_value (organization_id, account_id, channel_id, amount)
     SELECT organization_id, account_id, $2, sum(lifetime_sales_value) FROM integration.customer_account WHERE organization_id = $1
     GROUP BY organization_id, account_id`,
    [organizationId, channel],
  );
  const [{ count }] = await query(`SELECT count(*)::int AS count FROM crm.account WHERE organization_id = $1`, [organizationId]);
  return count;
}
