import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.tokens';
import type { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { BusinessRuleViolation } from '../errors/business-rule-violation';

/** Converts exact decimal amounts into the base currency with the organization's rates (numeric arithmetic in SQL). */
@Injectable()
export class CurrencyConverter {
  constructor(
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get baseCurrency(): string {
    return this.config.baseCurrency;
  }

  /** The amount in the base currency (4 decimals), or a violation naming `attribute` when no rate is known. */
  async toBase(organizationId: string, amount: string, currency: string, attribute: string): Promise<string> {
    if (currency === this.config.baseCurrency) return amount;
    const [row] = await this.tx.manager.query(
      `SELECT round($1::numeric * rate, 4)::text AS value FROM platform.currency_rate WHERE organization_id = $2 AND currency = $3`,
      [amount, organizationId, currency],
    );
    if (!row) {
      throw new BusinessRuleViolation(`No exchange rate from ${currency} to ${this.config.baseCurrency} is defined (see currencyrates).`, { attribute });
    }
    return row.value;
  }
}
