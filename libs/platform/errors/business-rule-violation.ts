/**
 * A module's command refusing a change for a business reason. The API answers 400 (409 for `conflict`, 403 for
 * `forbidden`) with a pointer to the attribute or relationship it names; other callers (CLI, jobs) see the message.
 */
export class BusinessRuleViolation extends Error {
  constructor(
    message: string,
    readonly about: {
      attribute?: string;
      relationship?: string;
      conflict?: boolean;
      forbidden?: boolean;
      /** Oro's constraint title of a 400 (e.g. `range constraint`); `form constraint` when left out. */
      constraint?: string;
    } = {},
  ) {
    super(message);
    this.name = 'BusinessRuleViolation';
  }
}
