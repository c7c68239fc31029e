/** Opportunity statuses (Oro's `opportunity_status` options) and their default probabilities, as fractions (Oro's). */
export const OPPORTUNITY_STATUSES = [
  'in_progress',
  'identification_alignment',
  'needs_analysis',
  'solution_development',
  'negotiation',
  'won',
  'lost',
] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

export const CLOSED_STATUSES: readonly OpportunityStatus[] = ['won', 'lost'];

export const DEFAULT_PROBABILITIES: Record<OpportunityStatus, number> = {
  in_progress: 0,
  identification_alignment: 0.1,
  needs_analysis: 0.2,
  solution_development: 0.5,
  negotiation: 0.8,
  won: 1,
  lost: 0,
};
