import type { CrmStore } from '../shared/crm-store';

/**
 * Writes current (account, channel) totals from a query giving `organization_id, account_id, channel_id, amount`:
 * changed or new totals are updated in place and get a history row; a pair without a current row and with a zero
 * amount is not stored. One statement, whatever the number of accounts. Returns how many totals changed.
 */
export async function writeCurrentTotals(store: CrmStore, wantedSql: string, parameters: unknown[]): Promise<number> {
  const [{ changed }] = await store.query(
    `WITH wanted AS (${wantedSql}),
     changed AS (
       INSERT INTO crm.account_lifetime_value (organization_id, account_id, channel_id, amount)
       SELECT w.organization_id, w.account_id, w.channel_id, w.amount FROM wanted w
       WHERE w.amount <> 0 OR EXISTS (
         SELECT 1 FROM crm.account_lifetime_value v WHERE v.account_id = w.account_id AND v.channel_id IS NOT DISTINCT FROM w.channel_id)
       ON CONFLICT (account_id, (coalesce(channel_id, 0))) DO UPDATE SET amount = excluded.amount, updated_at = now()
         WHERE crm.account_lifetime_value.amount IS DISTINCT FROM excluded.amount
       RETURNING organization_id, account_id, channel_id, amount),
     history AS (
       INSERT INTO crm.lifetime_value_history (organization_id, account_id, channel_id, amount)
       SELECT organization_id, account_id, channel_id, amount FROM changed)
     SELECT count(*)::int AS changed FROM changed`,
    parameters,
  );
  return changed;
}

/**
 * CRM's own sources for the accounts in `$1` (null = every account): business customers' lifetimes per b2b channel, and
 * won opportunities on the account itself (no channel). B2b or no-channel totals that no longer have a source drop to 0.
 */
export const CRM_TOTALS_SQL = `
  WITH scope AS (SELECT id, organization_id FROM crm.account WHERE $1::bigint[] IS NULL OR id = ANY($1::bigint[])),
  sources AS (
    SELECT b.organization_id, b.account_id, b.channel_id, b.lifetime AS amount
    FROM crm.b2b_customer b JOIN scope s ON s.id = b.account_id
    UNION ALL
    SELECT s.organization_id, s.id, NULL::bigint, coalesce(sum(o.base_close_revenue) FILTER (WHERE o.status = 'won'), 0)
    FROM scope s
    LEFT JOIN crm.customer_association ca ON ca.account_id = s.id AND ca.target_type IS NULL
    LEFT JOIN crm.opportunity o ON o.customer_association_id = ca.id
    GROUP BY s.organization_id, s.id),
  totals AS (SELECT organization_id, account_id, channel_id, sum(amount) AS amount FROM sources GROUP BY 1, 2, 3)
  SELECT * FROM totals
  UNION ALL
  SELECT v.organization_id, v.account_id, v.channel_id, 0::numeric
  FROM crm.account_lifetime_value v JOIN scope s ON s.id = v.account_id
  LEFT JOIN crm.channel c ON c.id = v.channel_id
  WHERE (v.channel_id IS NULL OR c.channel_type = 'b2b')
    AND NOT EXISTS (SELECT 1 FROM totals t WHERE t.account_id = v.account_id AND t.channel_id IS NOT DISTINCT FROM v.channel_id)`;

/**
 * Business customers' lifetime = Σ base close revenue of their won opportunities, for the accounts in `$1` (null = all);
 * answers how many changed.
 */
export const B2B_LIFETIME_SQL = `
  WITH totals AS (
    SELECT b.id, coalesce(sum(o.base_close_revenue) FILTER (WHERE o.status = 'won'), 0) AS total
    FROM crm.b2b_customer b
    LEFT JOIN crm.customer_association ca
      ON ca.organization_id = b.organization_id AND ca.target_type = 'crm.b2bcustomer' AND ca.target_id = b.id::text
    LEFT JOIN crm.opportunity o ON o.customer_association_id = ca.id
    WHERE $1::bigint[] IS NULL OR b.account_id = ANY($1::bigint[])
    GROUP BY b.id),
  changed AS (
    UPDATE crm.b2b_customer b SET lifetime = t.total, updated_at = now() FROM totals t WHERE b.id = t.id AND b.lifetime <> t.total
    RETURNING 1)
  SELECT count(*)::int AS changed FROM changed`;
