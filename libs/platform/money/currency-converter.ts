import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { BusinessRuleViolation } from '../errors/business-rule-violation';
import { Settings } from '../settings/settings';

/** Converts exact decimal amounts into the base currency with the organization's rates (numeric arithmetic in SQL). */
@Injectable()
export class CurrencyConverter {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly settings: Settings,
  ) {}

  /** The organization's base currency (settings section `currency`, default BASE_CURRENCY). */
  baseCurrencyOf(organizationId: string): Promise<string> {
    return this.settings.baseCurrency(organizationId);
  }

  /** The amount in the base currency (4 decimals), or a violation naming `attribute` when no rate is known. */
  async toBase(organizationId: string, amount: string, currency: string, attribute: string): Promise<string> {
    const baseCurrency = await this.baseCurrencyOf(organizationId);
    if (currency === baseCurrency) return amount;
    const [row] = await this.tx.manager.query(
      `SELECT round($1::numeric * rate, 4)::text AS value FROM platform.currency_rate WHERE organization_id = $2 AND currency = $3`,
      [amount, organizationId, currency],
    );
    if (!row) {
      throw new BusinessRuleViolation(`No exchange rate from ${currency} to ${baseCurrency} is defined (see currencyrates).`, { attribute });
    }
    return row.value;
  }

  /** The organization's rates to its base currency (1 unit of `currency` = `rate` base units), for set-based SQL. */
  async ratesOf(organizationId: string): Promise<{ currencies: string[]; rates: string[] }> {
    const rows: Array<{ currency: string; rate: string }> = await this.tx.manager.query(
      `SELECT currency, rate::text AS rate FROM platform.currency_rate WHERE organization_id = $1 ORDER BY currency`,
      [organizationId],
    );
    return { currencies: rows.map((r) => r.currency), rates: rows.map((r) => r.rate) };
  }
}
