import { CustomerLifetimeValuesChanged } from '../../contracts/commerce';
import { CurrencyConverter, JobHandler, JobProcessor, Outbox } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { RECOMPUTE_LIFETIME_SALES_VALUES_SQL } from './lifetime-sales-value.sql';

/** Customers listed in one CustomerLifetimeValuesChanged event at most. */
const CHUNK_SIZE = 1000;

export const RECOMPUTE_LIFETIME_SALES_VALUE = 'commerce.recompute-lifetime-sales-value';

export interface RecomputeLifetimeSalesValueData {
  /** A customer id, or "*" for every customer of every organization (the CLI's full recalculation). */
  customerId: string;
}

/**
 * Recomputes, from source, the lifetime sales value of one customer or of all of them (domain decision 2), writes the
 * values that changed and announces them with CustomerLifetimeValuesChanged, in one transaction. Requests for the same
 * customer coalesce while waiting; a rerun finds nothing changed and publishes nothing.
 */
@JobHandler<RecomputeLifetimeSalesValueData>({ name: RECOMPUTE_LIFETIME_SALES_VALUE, idempotencyKey: (d) => d.customerId })
export class RecomputeLifetimeSalesValueJob implements JobProcessor<RecomputeLifetimeSalesValueData> {
  constructor(
    private readonly store: CommerceStore,
    private readonly outbox: Outbox,
    private readonly currencies: CurrencyConverter,
  ) {}

  async run({ customerId }: RecomputeLifetimeSalesValueData): Promise<void> {
    const customers = customerId === '*' ? null : [customerId];
    await this.store.tx.run(async () => {
      const changed: Array<{ organizationId: string; customerIds: string[]; amounts: string[] }> = await this.store.query(
        RECOMPUTE_LIFETIME_SALES_VALUES_SQL,
        [customers],
      );
      const events = [];
      for (const { organizationId, customerIds, amounts } of changed) {
        const baseCurrency = await this.currencies.baseCurrencyOf(organizationId);
        for (let i = 0; i < customerIds.length; i += CHUNK_SIZE) {
          events.push(new CustomerLifetimeValuesChanged(organizationId, customerIds.slice(i, i + CHUNK_SIZE), amounts.slice(i, i + CHUNK_SIZE), baseCurrency));
        }
      }
      await this.outbox.publish(...events);
    });
  }
}
