/** What a refusal is about: the field it points at, how it is answered, and the constraint it breaks. */
export interface BusinessRuleAbout {
  attribute?: string;
  relationship?: string;
  /** A JSON pointer into the request body, for a refusal about something else than one of `data`'s fields. */
  pointer?: string;
  conflict?: boolean;
  forbidden?: boolean;
  /**
   * The title of the error object: Oro's name of the constraint (see `Constraint`, e.g. `unique entity constraint`,
   * `circular customer reference constraint`). Without it the refusal is a `form constraint`, Oro's generic title.
   */
  constraint?: string;
}

/**
 * A module's command refusing a change for a business reason. The API answers 400 (409 for `conflict`, 403 for
 * `forbidden`) with a pointer to the attribute or relationship it names and the constraint title it gives; other
 * callers (CLI, jobs) see the message.
 */
export class BusinessRuleViolation extends Error {
  constructor(
    message: string,
    readonly about: BusinessRuleAbout = {},
  ) {
    super(message);
    this.name = 'BusinessRuleViolation';
  }

  /** Shorthand for a violation of a named constraint: `BusinessRuleViolation.of('unique entity constraint', '…', { attribute: 'email' })`. */
  static of(constraint: string, message: string, about: Omit<BusinessRuleAbout, 'constraint'> = {}): BusinessRuleViolation {
    return new BusinessRuleViolation(message, { ...about, constraint });
  }
}
