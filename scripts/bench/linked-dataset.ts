import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { DatabaseHandle, ModuleManifest, createOrganization, dataSourceOptions, resolveModules, runMigrations } from '../../libs/platform';
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
      const accounts = await linkEach(query, organizationId);
      await seed.query('ANALYZE');
      console.log(
        `\nSeeded ${counts.customers} customers with ${counts.orders} orders in ${counts.ms} ms, then ${accounts} accounts (strategy each), ` +
          `their associations, commerce totals and ${Math.round(accounts / 5)} opportunities in ${Date.now() - t0} ms\n`,
      );
      await work({ database, manifests, seed, organizationId });
    } finally {
      await seed.destroy();
    }
  } finally {
    await database.close();
  }
}

/**
 * The data set's accounts as the integration makes them under "each" (set-based, for the benchmark only): one account
 * per customer, its customer association and account-level association, the link with the customer's lifetime sales
 * value, the commerce channel's totals, and an open opportunity on every fifth customer. Returns the account count.
 */
async function linkEach(query: Query, organizationId: string): Promise<number> {
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
     SELECT organization_id, 1, 'Deal ' || id, 0.1, 1000, 'USD', id FROM crm.customer_association
     WHERE organization_id = $1 AND target_type = 'commerce.customer' AND id % 5 = 0`,
    [organizationId],
  );
  const [{ count }] = await query(`SELECT count(*)::int AS count FROM crm.account WHERE organization_id = $1`, [organizationId]);
  return count;
}
