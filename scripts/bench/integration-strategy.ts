import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { MessagingRegistry, Settings, SettingsChanged, TransactionRunner } from '../../libs/platform/runtime';
import { integrationContext, ratioLine, runJob, timeRolledBack } from './integration-jobs';
import { withLinkedDataset } from './linked-dataset';

const TOUCHED = ['integration.customer_account', 'crm.customer_association', 'crm.account_lifetime_value', 'crm.lifetime_value_history'];

/** The baseline of each → root: every child customer's link to its root's account, remembering the one it leaves. */
const TO_ROOT_SQL = `
  UPDATE integration.customer_account l SET previous_account_id = l.account_id, account_id = r.account_id
  FROM commerce.customer c JOIN integration.customer_account r ON r.customer_id = c.path[1]
  WHERE l.customer_id = c.id AND c.organization_id = $1 AND c.path[1] <> c.id AND l.account_id <> r.account_id`;

/** The baseline of root → each: every child back to the account it remembered. */
const TO_EACH_SQL = `
  UPDATE integration.customer_account l SET account_id = l.previous_account_id
  FROM commerce.customer c
  WHERE l.customer_id = c.id AND c.organization_id = $1 AND c.path[1] <> c.id AND l.previous_account_id IS NOT NULL
    AND l.previous_account_id <> l.account_id`;

/** The rest of the same work by hand: CRM's customer associations follow the links, and the changed commerce totals with their history. */
const FOLLOW_SQL = [
  `UPDATE crm.customer_association a SET account_id = l.account_id FROM integration.customer_account l
   WHERE a.id = l.association_id AND l.organization_id = $1 AND a.account_id <> l.account_id`,
  `WITH sums AS (
     SELECT a.id AS account_id, coalesce(sum(l.lifetime_sales_value), 0) AS amount
     FROM crm.account a LEFT JOIN integration.customer_account l ON l.account_id = a.id WHERE a.organization_id = $1 GROUP BY a.id),
   changed AS (
     UPDATE crm.account_lifetime_value v SET amount = s.amount, updated_at = now() FROM sums s, crm.channel ch
     WHERE v.account_id = s.account_id AND v.channel_id = ch.id AND ch.channel_type = 'commerce' AND ch.organization_id = $1 AND v.amount <> s.amount
     RETURNING v.organization_id, v.account_id, v.channel_id, v.amount)
   INSERT INTO crm.lifetime_value_history (organization_id, account_id, channel_id, amount) SELECT * FROM changed`,
];

/**
 * S4: switching the strategy each → root, then back, on the data set linked under "each". Ours: the setting changed
 * as the API does, the switch's subscriber, then the reassignment job to its end (links, bulk CRM moves and new
 * accounts, the accounts left and joined put on the waiting list of totals, progress); against one hand-written
 * `UPDATE … FROM` of the links (rolled back, best of two). The floor: the same UPDATE and the one of CRM's identities
 * by hand, the least any switch that keeps both copies must write. Then "settled": the job recording the waiting totals run to
 * its end, the whole against the same work by hand. Then checks where customers ended up and that every commerce total
 * is exact.
 */
export async function benchStrategySwitch({ scale }: { scale: number }): Promise<void> {
  await withLinkedDataset(scale, async ({ database, manifests, seed, organizationId }) => {
    const app = await integrationContext(database, manifests);
    const lines: string[] = [];
    try {
      for (const [strategy, baselineSql] of [
        ['root', TO_ROOT_SQL],
        ['each', TO_EACH_SQL],
      ] as const) {
        const baseline = await timeRolledBack(seed, 2, (query) => query(baselineSql, [organizationId]), TOUCHED);
        const twoCopies = await timeRolledBack(seed, 2, async (query) => {
          for (const sql of [baselineSql, FOLLOW_SQL[0]]) await query(sql, [organizationId]);
        }, TOUCHED);
        const byHand = await timeRolledBack(seed, 1, async (query) => {
          for (const sql of [baselineSql, ...FOLLOW_SQL]) await query(sql, [organizationId]);
        }, TOUCHED);
        const ours = await switchTo(app, organizationId, strategy);
        const settling = await runJob(app, 'integration.record-pending-account-totals', { organizationId });
        const check = await checkPlacement(seed, organizationId, strategy);
        lines.push(ratioLine(`switch to ${strategy} (${check.customers} customers, S4: links and CRM identities committed, totals requested) vs one UPDATE … FROM of the links`, ours, baseline, '≤ 2×'));
        lines.push(ratioLine(`  floor: the links and CRM's identities moved by hand (two UPDATE … FROM, what the switch cannot do less than) vs the same baseline`, twoCopies, baseline, '—'));
        lines.push(ratioLine(`  settled (every total recorded again with its history) vs the same work by hand (links, CRM associations, totals and history)`, ours + settling, byHand, '—'));
        lines.push(`|   check: ${check.misplaced} customers misplaced, ${check.wrongTotals} wrong commerce totals (+${check.staleTotals} left on emptied accounts), ${check.accounts} accounts hold customers | | | | |`);
      }
    } finally {
      await app.close();
    }
    console.log(`scale=${scale} (${database.embedded ? 'embedded database' : 'PostgreSQL'})\n`);
    console.log('| what | ours ms | baseline ms | ratio | target |');
    console.log('|---|---|---|---|---|');
    for (const line of lines) console.log(line);
  });
}

/** Changes the setting (as PATCH /admin/api/settings/integration does), delivers the switch and runs the job. */
async function switchTo(app: INestApplicationContext, organizationId: string, strategy: 'each' | 'root'): Promise<number> {
  const started = process.hrtime.bigint();
  const event = new SettingsChanged(organizationId, 'integration', {}, { customerAccountStrategy: strategy });
  await app.get(Settings).update(organizationId, 'integration', { customerAccountStrategy: strategy });
  const subscriber = app.get(MessagingRegistry).subscribersOf(SettingsChanged.topic).find((s) => s.options.name === 'integration.strategy-switch');
  if (!subscriber) throw new Error('The strategy switch subscriber is not loaded');
  await app.get(TransactionRunner).run(() => subscriber.handler.handle(event, { messageId: randomUUID() }));
  const delivered = Number(process.hrtime.bigint() - started) / 1e6;
  return delivered + (await runJob(app, 'integration.reassign-customer-accounts', { organizationId }));
}

/** Under root every customer shares its root's account; under each no child shares it. Totals are Σ of the customers'. */
async function checkPlacement(seed: { query: (sql: string, parameters?: unknown[]) => Promise<any[]> }, organizationId: string, strategy: 'each' | 'root') {
  const [check] = await seed.query(
    `SELECT count(*)::int AS customers,
            count(*) FILTER (WHERE CASE WHEN $2 = 'root' THEN l.account_id <> r.account_id ELSE c.path[1] <> c.id AND l.account_id = r.account_id END)::int AS misplaced,
            count(DISTINCT l.account_id)::int AS accounts,
            (SELECT count(*) FROM (SELECT x.account_id FROM integration.customer_account x JOIN commerce.customer y ON y.id = x.customer_id
               WHERE x.organization_id = $1 GROUP BY x.account_id
               HAVING sum(y.lifetime_sales_value) IS DISTINCT FROM (SELECT coalesce(sum(v.amount), 0) FROM crm.account_lifetime_value v
                 JOIN crm.channel ch ON ch.id = v.channel_id AND ch.channel_type = 'commerce' WHERE v.account_id = x.account_id)) w)::int AS "wrongTotals",
            (SELECT count(*) FROM crm.account_lifetime_value v JOIN crm.channel ch ON ch.id = v.channel_id AND ch.channel_type = 'commerce'
             WHERE v.organization_id = $1 AND v.amount <> 0
               AND NOT EXISTS (SELECT 1 FROM integration.customer_account x WHERE x.account_id = v.account_id))::int AS "staleTotals"
     FROM commerce.customer c JOIN integration.customer_account l ON l.customer_id = c.id
     JOIN integration.customer_account r ON r.customer_id = c.path[1]
     WHERE c.organization_id = $1`,
    [organizationId, strategy],
  );
  return check as { customers: number; misplaced: number; accounts: number; wrongTotals: number; staleTotals: number };
}
