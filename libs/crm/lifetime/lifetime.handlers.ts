import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccountLifetimeValue, GetAccountLifetimeValue, RecordChannelLifetimeValues } from '../../contracts/crm';
import { BusinessRuleViolation, prepared } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { writeCurrentTotals } from './lifetime-totals';

@CommandHandler(RecordChannelLifetimeValues)
export class RecordChannelLifetimeValuesHandler implements ICommandHandler<RecordChannelLifetimeValues, number> {
  constructor(private readonly store: CrmStore) {}

  async execute({ organizationId, channelId, accountIds, amounts, complete, paidOrderCounts }: RecordChannelLifetimeValues): Promise<number> {
    if (accountIds.length !== amounts.length) throw new BusinessRuleViolation('One amount is needed per account.');
    if (paidOrderCounts && paidOrderCounts.length !== accountIds.length) throw new BusinessRuleViolation('One paid-order count is needed per account.');
    const [channel] = await this.store.query(`SELECT 1 FROM crm.channel WHERE id = $1 AND organization_id = $2`, [channelId, organizationId]);
    if (!channel) throw new BusinessRuleViolation('The channel does not exist.', { relationship: 'channel' });
    const counted = paidOrderCounts ? await this.recordPaidOrderCounts(organizationId, accountIds, paidOrderCounts, complete) : 0;
    const totals = await writeCurrentTotals(
      this.store,
      `WITH given AS (SELECT * FROM unnest($2::bigint[], $3::numeric[]) AS v(account_id, amount))
       SELECT a.organization_id, a.id AS account_id, $1::bigint AS channel_id, g.amount
       FROM given g JOIN crm.account a ON a.id = g.account_id AND a.id = ANY($2::bigint[]) AND a.organization_id = $4
       UNION ALL
       SELECT v.organization_id, v.account_id, v.channel_id, 0::numeric
       FROM crm.account_lifetime_value v
       WHERE $5::boolean AND v.channel_id = $1 AND v.organization_id = $4 AND v.amount <> 0
         AND NOT EXISTS (SELECT 1 FROM given g WHERE g.account_id = v.account_id)`,
      [channelId, accountIds, amounts, organizationId, complete],
    );
    return totals + counted;
  }

  /** Only changed counts are written; with `complete`, accounts not listed drop to 0. Returns how many changed. */
  private async recordPaidOrderCounts(organizationId: string, accountIds: string[], counts: number[], complete: boolean): Promise<number> {
    const [{ changed }] = await this.store.query(
      `WITH wanted AS (
         SELECT * FROM unnest($1::bigint[], $2::int[]) AS v(id, orders)
         UNION ALL
         SELECT x.id, 0 FROM crm.account x
         WHERE $4::boolean AND x.organization_id = $3 AND x.lifetime_paid_order_count <> 0 AND x.id <> ALL($1::bigint[])),
       changed AS (
         UPDATE crm.account a SET lifetime_paid_order_count = w.orders
         FROM wanted w
         WHERE a.id = w.id AND (a.id = ANY($1::bigint[]) OR $4::boolean) AND a.organization_id = $3 AND a.lifetime_paid_order_count <> w.orders
         RETURNING 1)
       SELECT count(*)::int AS changed FROM changed`,
      [accountIds, counts, organizationId, complete],
    );
    return changed;
  }
}

const ACCOUNT_LIFETIME_VALUE = prepared(
  `SELECT a.id::text AS account, a.lifetime_paid_order_count AS "paidOrderCount", v.channel_id::text AS channel, ch.name AS "channelName",
          v.amount::text AS amount, coalesce(sum(v.amount) OVER (), 0)::numeric(19, 4)::text AS total
   FROM crm.account a LEFT JOIN crm.account_lifetime_value v ON v.account_id = a.id LEFT JOIN crm.channel ch ON ch.id = v.channel_id
   WHERE a.id = $1 AND a.organization_id = $2 ORDER BY v.channel_id NULLS FIRST`,
);

@QueryHandler(GetAccountLifetimeValue)
export class GetAccountLifetimeValueHandler implements IQueryHandler<GetAccountLifetimeValue, AccountLifetimeValue | null> {
  constructor(private readonly store: CrmStore) {}

  async execute({ organizationId, accountId }: GetAccountLifetimeValue): Promise<AccountLifetimeValue | null> {
    if (!/^\d{1,18}$/.test(accountId)) return null;
    // One prepared statement: the values per channel and, over all of them, the total.
    const rows = await this.store.query(ACCOUNT_LIFETIME_VALUE, [accountId, organizationId]);
    if (rows.length === 0) return null;
    const channels = rows
      .filter((r: { amount: string | null }) => r.amount !== null)
      .map((r: { channel: string | null; channelName: string | null; amount: string }) => ({ channelId: r.channel, channelName: r.channelName, amount: r.amount }));
    return { accountId, total: rows[0].total, paidOrderCount: rows[0].paidOrderCount, channels };
  }
}
