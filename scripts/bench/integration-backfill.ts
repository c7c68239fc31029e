import { integrationContext, ratioLine, runJob, timeRolledBack } from './integration-jobs';
import { linkEachByHand, withUnlinkedDataset } from './linked-dataset';

const TOUCHED = ['crm.account', 'crm.customer_association', 'crm.account_lifetime_value', 'integration.customer_account'];

/**
 * Issue 16: enabling the integration over N pre-existing customers (strategy "each"). Ours: the link job as the CLI runs
 * it (`integration:customers:link`: bulk CRM commands per batch, totals, progress), against one
 * hand-written `INSERT … SELECT` per table of the same accounts, associations, links and totals on the same database
 * (best of two, rolled back). Then checks that every customer has exactly one account and every total is exact.
 */
export async function benchBackfill({ scale }: { scale: number }): Promise<void> {
  await withUnlinkedDataset(scale, async ({ database, manifests, seed, organizationId }) => {
    const baseline = await timeRolledBack(seed, 2, (query) => linkEachByHand(query, organizationId), TOUCHED);
    const app = await integrationContext(database, manifests);
    let ours: number;
    try {
      ours = await runJob(app, 'integration.link-existing-customers', { again: true });
    } finally {
      await app.close();
    }
    const [check] = await seed.query(
      `SELECT (SELECT count(*) FROM commerce.customer WHERE organization_id = $1)::int AS customers,
              (SELECT count(*) FROM crm.account WHERE organization_id = $1)::int AS accounts,
              (SELECT count(*) FROM integration.customer_account WHERE organization_id = $1)::int AS links,
              (SELECT count(*) FROM commerce.customer c WHERE c.organization_id = $1 AND NOT EXISTS (
                 SELECT 1 FROM crm.customer_association a WHERE a.target_type = 'commerce.customer' AND a.target_id = c.id::text))::int AS "withoutIdentity",
              (SELECT count(*) FROM (SELECT l.account_id FROM integration.customer_account l
                 JOIN commerce.customer c ON c.id = l.customer_id GROUP BY l.account_id
                 HAVING sum(c.lifetime_sales_value) IS DISTINCT FROM (SELECT coalesce(sum(v.amount), 0) FROM crm.account_lifetime_value v
                   JOIN crm.channel ch ON ch.id = v.channel_id AND ch.channel_type = 'commerce' WHERE v.account_id = l.account_id)) x)::int AS "wrongTotals"`,
      [organizationId],
    );
    console.log(`scale=${scale} (${database.embedded ? 'embedded database' : 'PostgreSQL'}, strategy each)\n`);
    console.log('| what | ours ms | baseline ms | ratio | target |');
    console.log('|---|---|---|---|---|');
    console.log(ratioLine(`link ${check.customers} pre-existing customers (issue 16)`, ours, baseline, '≤ 3×, ≤ 60 000 ms at 100 000 on PostgreSQL'));
    console.log(
      `\n${Math.round((check.customers / ours) * 1000)} customers/s. Check: ${check.accounts} accounts and ${check.links} links for ${check.customers} customers, ` +
        `${check.withoutIdentity} without a CRM identity, ${check.wrongTotals} wrong commerce totals.`,
    );
  });
}
