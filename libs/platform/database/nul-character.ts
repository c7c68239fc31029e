/**
 * PostgreSQL's text and jsonb cannot hold the NUL character (U+0000); the embedded database is laxer. Input holding
 * one is refused up front as the client's error, the same way on both, rather than failing in the database.
 */
export const NUL_CHARACTER_DETAIL = 'This value should not contain the NUL character (U+0000).';

/** Whether a string, or any string or key inside an array or object, holds U+0000. */
export function containsNulCharacter(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNulCharacter);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNulCharacter(item));
  }
  return false;
}
