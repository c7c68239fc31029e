import { BusinessRuleViolation } from '../../platform';

/** Oro's default password rules for customer users (`oro_user.password_*`): 8 characters, lower, upper case, a number. */
const MIN_LENGTH = 8;
const RULES: Array<[RegExp, string]> = [
  [/\p{Ll}/u, 'a lower case letter'],
  [/\p{Lu}/u, 'an upper case letter'],
  [/\p{Nd}/u, 'a number'],
];

/**
 * Refuses a password that breaks a rule, with Oro's message: like Oro's `PasswordComplexity` validator it names every
 * rule in force, not only the broken ones ("The password must be at least 8 characters long and include a lower case
 * letter, an upper case letter and a number.").
 */
export function requireStrongPassword(password: string, pointer: string): void {
  const weak = [...password].length < MIN_LENGTH || RULES.some(([rule]) => !rule.test(password)) || password.length > 4096;
  if (!weak) return;
  const names = RULES.map(([, name]) => name);
  const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  throw BusinessRuleViolation.of('password complexity constraint', `The password must be at least ${MIN_LENGTH} characters long and include ${list}.`, { pointer });
}
