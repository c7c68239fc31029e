import { z } from 'zod';
import { defineSettingsSection } from '../../platform';
import { DEFAULT_PROBABILITIES, OPPORTUNITY_STATUSES, OpportunityStatus } from './opportunity-statuses';

const percent = z.number().min(0, 'The probability should be between 0 and 100.').max(100, 'The probability should be between 0 and 100.');

/** Oro's `oro_sales.*` settings that our API acts on. */
export const salesSettings = defineSettingsSection({
  name: 'sales',
  description: 'Sales: the default probability (percent) an opportunity takes from its status.',
  fields: {
    defaultOpportunityProbabilities: {
      // The whole map is sent: one percentage for every opportunity status.
      schema: z.strictObject(Object.fromEntries(OPPORTUNITY_STATUSES.map((s) => [s, percent])) as Record<OpportunityStatus, typeof percent>),
      default: DEFAULT_PROBABILITIES,
      description: `Percent per status (${OPPORTUNITY_STATUSES.join(', ')}); all statuses are required.`,
    },
  },
});

export type SalesSettings = { defaultOpportunityProbabilities: Record<OpportunityStatus, number> };
