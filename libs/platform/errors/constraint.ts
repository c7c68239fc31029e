/**
 * Titles of the error objects the API answers with: Oro's lowercase constraint names (its `Request/Constraint.php`
 * and the validator constraint a refusal comes from, e.g. `NotBlank` → "not blank constraint"). Modules name theirs
 * in a `BusinessRuleViolation` (`constraint`), so a client sees the same title Oro would give for the same cause.
 */
export const Constraint = {
  FILTER: 'filter constraint',
  SORT: 'sort constraint',
  REQUEST_DATA: 'request data constraint',
  REQUEST_TYPE: 'request type constraint',
  VALUE: 'value constraint',
  ENTITY: 'entity constraint',
  ENTITY_TYPE: 'entity type constraint',
  ENTITY_ID: 'entity identifier constraint',
  CONFLICT: 'conflict constraint',
  FORM: 'form constraint',
  EXTRA_FIELDS: 'extra fields constraint',
  RELATIONSHIP: 'relationship constraint',
  NOT_BLANK: 'not blank constraint',
  NOT_NULL: 'not null constraint',
  LENGTH: 'length constraint',
  RANGE: 'range constraint',
  TYPE: 'type constraint',
  CHOICE: 'choice constraint',
  EMAIL: 'email constraint',
  UNIQUE_ENTITY: 'unique entity constraint',
  COUNT: 'count constraint',
  ACCESS_GRANTED: 'access granted constraint',
  NEW_INCLUDED_ENTITY_EXISTENCE: 'new included entity existence constraint',
  INCLUDED_ENTITY_EXISTENCE: 'included entity existence constraint',
} as const;

/** Oro's messages for the engine's own validations (Symfony's validator texts, as Oro's tests show them). */
export const ConstraintMessage = {
  NOT_BLANK: 'This value should not be blank.',
  NOT_NULL: 'This value should not be null.',
  NOT_VALID: 'This value is not valid.',
  ENTITY_NOT_FOUND: 'The entity does not exist.',
  CHOICE: 'The value you selected is not a valid choice.',
  EMAIL: 'This value is not a valid email address.',
  tooLong: (max: number) => `This value is too long. It should have ${max} character${max === 1 ? '' : 's'} or less.`,
  tooShort: (min: number) => `This value is too short. It should have ${min} character${min === 1 ? '' : 's'} or more.`,
  ofType: (type: string) => `This value should be of type ${type}.`,
} as const;
