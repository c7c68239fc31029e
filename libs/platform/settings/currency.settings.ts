import { z } from 'zod';
import type { AppConfig } from '../config/app-config';
import { defineSettingsSection } from './settings-section';

/** The base currency every converted amount (lifetime values, base budget and revenue, base subtotals) is kept in. */
export const currencySettings = defineSettingsSection({
  name: 'currency',
  description: 'Currency: the base currency amounts are converted into (rates in currencyrates).',
  fields: {
    baseCurrency: {
      schema: z.string().regex(/^[A-Z]{3}$/, 'This value should be a 3-letter ISO 4217 currency code.'),
      default: (config: AppConfig) => config.baseCurrency,
      description: 'ISO 4217 code. Amounts already converted keep their value; new conversions use the new currency.',
    },
  },
});
