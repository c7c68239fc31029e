import type { AttributeModel } from '../api/resource-model';
import { en } from '../i18n/en';

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** An attribute's value as text for a grid cell or a view page. */
export function formatValue(attribute: Pick<AttributeModel, 'kind'>, value: unknown): string {
  if (value === null || value === undefined || value === '') return en.record.none;
  switch (attribute.kind) {
    case 'boolean':
      return value ? en.common.yes : en.common.no;
    case 'datetime':
      return dateTime.format(new Date(String(value)));
    case 'date':
      return date.format(new Date(`${String(value)}T00:00:00Z`));
    case 'json':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

const amount = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** An exact decimal string (money, in the base currency unless a currency is given) for reading. */
export function formatAmount(value: string | null | undefined, currency?: string | null): string {
  if (value === null || value === undefined || value === '') return en.record.none;
  const shown = amount.format(Number(value));
  return currency ? `${shown} ${currency}` : shown;
}
