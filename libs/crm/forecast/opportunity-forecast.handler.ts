import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation, CurrencyConverter, isIsoDate } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { GetOpportunityForecast } from './opportunity-forecast.query';

/**
 * Opportunities grouped by owner and by close-date month: open ones (count, Σ budget, Σ budget × probability) and won
 * ones (Σ close revenue), all in the base currency. Open budgets convert with today's rates; a currency without a
 * rate is left out of the sums and named in `meta.currenciesWithoutRate`.
 */
@QueryHandler(GetOpportunityForecast)
export class GetOpportunityForecastHandler implements IQueryHandler<GetOpportunityForecast> {
  constructor(
    private readonly store: CrmStore,
    private readonly currencies: CurrencyConverter,
  ) {}

  async execute({ caller, parameters }: GetOpportunityForecast) {
    const from = parameters['filter[closeDate][gte]'] ?? null;
    const to = parameters['filter[closeDate][lte]'] ?? null;
    for (const [name, value] of [['gte', from], ['lte', to]] as const) {
      if (value !== null && !isIsoDate(value)) throw new BusinessRuleViolation(`filter[closeDate][${name}] should be a date (YYYY-MM-DD).`);
    }
    const ownOnly = caller.access('opportunities', 'VIEW') === 'own';
    const baseCurrency = await this.currencies.baseCurrencyOf(caller.organizationId);
    // The platform's rates, joined as a list (CRM reads no platform table).
    const { currencies, rates } = await this.currencies.ratesOf(caller.organizationId);
    const params = [caller.organizationId, baseCurrency, from, to, ownOnly ? caller.userId : null, currencies, rates];
    const rows = await this.store.query(
      `WITH o AS (
         SELECT o.*, CASE WHEN o.budget_currency IS NULL OR o.budget_currency = $2 THEN o.budget_amount ELSE o.budget_amount * r.rate END AS budget_base,
                (o.budget_amount IS NOT NULL AND o.budget_currency IS NOT NULL AND o.budget_currency <> $2 AND r.rate IS NULL) AS no_rate
         FROM crm.opportunity o
         LEFT JOIN unnest($6::text[], $7::numeric[]) AS r(currency, rate) ON r.currency = o.budget_currency
         WHERE o.organization_id = $1
           AND ($3::date IS NULL OR o.close_date >= $3::date) AND ($4::date IS NULL OR o.close_date <= $4::date)
           AND ($5::bigint IS NULL OR o.owner_id = $5::bigint))
       SELECT owner_id::text AS owner, to_char(close_date, 'YYYY-MM') AS month,
              count(*) FILTER (WHERE status NOT IN ('won', 'lost'))::int AS open_count,
              coalesce(sum(budget_base) FILTER (WHERE status NOT IN ('won', 'lost')), 0)::numeric(19, 4)::text AS budget,
              coalesce(sum(budget_base * coalesce(probability, 0)) FILTER (WHERE status NOT IN ('won', 'lost')), 0)::numeric(19, 4)::text AS weighted,
              count(*) FILTER (WHERE status = 'won')::int AS won_count,
              coalesce(sum(base_close_revenue) FILTER (WHERE status = 'won'), 0)::numeric(19, 4)::text AS won_revenue,
              array_remove(array_agg(DISTINCT budget_currency) FILTER (WHERE no_rate), NULL) AS missing
       FROM o GROUP BY owner_id, month ORDER BY month NULLS LAST, owner_id NULLS LAST`,
      params,
    );
    const missing = [...new Set(rows.flatMap((r: { missing: string[] | null }) => r.missing ?? []))].sort();
    return {
      data: rows.map((r: Record<string, any>) => ({
        type: 'opportunityforecast',
        id: `${r.owner ?? 'none'}:${r.month ?? 'none'}`,
        attributes: {
          month: r.month,
          openCount: r.open_count,
          budget: r.budget,
          weightedBudget: r.weighted,
          wonCount: r.won_count,
          wonRevenue: r.won_revenue,
        },
        relationships: { owner: { data: r.owner ? { type: 'users', id: r.owner } : null } },
      })),
      meta: { baseCurrency, currenciesWithoutRate: missing },
    };
  }
}
