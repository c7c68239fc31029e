import { z } from 'zod';
import { defineSettingsSection } from '../../platform';
import { DEFAULT_PROBABILITIES, OPPORTUNITY_STATUSES, OpportunityStatus } from './opportunity-statuses';

const fraction = z.number().min(0, 'This value should be between 0% and 100%.').max(1, 'This value should be between 0% and 100%.');

/** Oro's `oro_sales.*` settings that our API acts on. */
export const salesSettings = defineSettingsSection({
  name: 'sales',
  description: 'Sales: the default probability (a fraction, 0 to 1) an opportunity takes from its status.',
  fields: {
    defaultOpportunityProbabilities: {
      // The whole map is sent: one fraction for every opportunity status (Oro's `oro_sales.default_opportunity_probabilities`).
      schema: z.strictObject(Object.fromEntries(OPPORTUNITY_STATUSES.map((s) => [s, fraction])) as Record<OpportunityStatus, typeof fraction>),
      default: DEFAULT_PROBABILITIES,
      description: `A fraction (0.1 = 10 %) per status (${OPPORTUNITY_STATUSES.join(', ')}); all statuses are required.`,
    },
  },
});

export type SalesSettings = { defaultOpportunityProbabilities: Record<OpportunityStatus, number> };
