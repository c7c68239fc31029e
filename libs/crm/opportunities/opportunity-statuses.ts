/** Opportunity statuses (Oro's `opportunity_status` options) and their default probabilities, in percent. */
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
  identification_alignment: 10,
  needs_analysis: 20,
  solution_development: 50,
  negotiation: 80,
  won: 100,
  lost: 0,
};
