/** Oro's contact rule: a birth date (an ISO date string) may not lie after today. */
export function isFutureBirthday(birthday: unknown): boolean {
  return typeof birthday === 'string' && birthday !== '' && birthday > new Date().toISOString().slice(0, 10);
}
