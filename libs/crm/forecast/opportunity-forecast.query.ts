import type { Caller } from '../../platform';

/** The opportunity forecast for a caller, optionally limited to close dates from/to (YYYY-MM-DD). */
export class GetOpportunityForecast {
  constructor(
    readonly caller: Caller,
    readonly parameters: Record<string, string>,
  ) {}
}
