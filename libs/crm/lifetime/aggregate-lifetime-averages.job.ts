import { JobHandler, JobProcessor } from '../../platform';
import { CrmStore } from '../shared/crm-store';

export const AGGREGATE_LIFETIME_AVERAGES = 'crm.aggregate-lifetime-averages';

/**
 * For each organization, channel (null: opportunities won on accounts themselves) and month: the average over accounts
 * of each account's latest lifetime value in that channel recorded before the month ended (domain §3.5). Months are
 * calendar months in UTC. A normal run rebuilds the current month; `force` rebuilds every month since the first
 * history row. One set-based statement; rerunning it gives the same rows.
 */
@JobHandler<{ force: boolean }>({ name: AGGREGATE_LIFETIME_AVERAGES, idempotencyKey: (d) => (d.force ? 'all' : 'current') })
export class AggregateLifetimeAveragesJob implements JobProcessor<{ force: boolean }> {
  constructor(private readonly store: CrmStore) {}

  async run({ force }: { force: boolean }): Promise<void> {
    await this.store.tx.run(async () => {
      if (force) await this.store.query(`DELETE FROM crm.lifetime_average`);
      await this.store.query(
        `WITH months AS (
           SELECT generate_series(
             CASE WHEN $1::boolean THEN date_trunc('month', (SELECT min(created_at) FROM crm.lifetime_value_history) AT TIME ZONE 'UTC')
                  ELSE date_trunc('month', now() AT TIME ZONE 'UTC') END,
             date_trunc('month', now() AT TIME ZONE 'UTC'),
             interval '1 month')::date AS month_start
         ),
         latest AS (
           SELECT DISTINCT ON (m.month_start, h.account_id, h.channel_id)
                  m.month_start, h.organization_id, h.channel_id, h.amount
           FROM months m
           JOIN crm.lifetime_value_history h ON h.created_at < (m.month_start + interval '1 month') AT TIME ZONE 'UTC'
           ORDER BY m.month_start, h.account_id, h.channel_id, h.id DESC
         )
         INSERT INTO crm.lifetime_average (organization_id, channel_id, aggregation_date, month, quarter, year, amount)
         SELECT organization_id, channel_id, month_start, extract(month FROM month_start), extract(quarter FROM month_start),
                extract(year FROM month_start), round(avg(amount), 4)
         FROM latest
         GROUP BY organization_id, channel_id, month_start
         ON CONFLICT (organization_id, coalesce(channel_id, 0), aggregation_date)
         DO UPDATE SET amount = EXCLUDED.amount, updated_at = now()`,
        [force],
      );
    });
  }
}
