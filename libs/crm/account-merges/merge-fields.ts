import { BusinessRuleViolation } from '../../platform';

/** Most accounts one merge takes (Oro's limit). */
const MAX_MERGED = 5;

/** The account fields a merge can take from any of the merged accounts, and their columns. */
export const MERGE_FIELDS: Record<string, string> = {
  name: 'name',
  owner: 'owner_id',
  extend_description: 'description',
  externalId: 'external_id',
  defaultContact: 'default_contact_id',
  referredBy: 'referred_by_id',
};

export function validateFieldSources(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'Expected an object: field name → id of the account to take it from.';
  for (const [field, source] of Object.entries(value)) {
    if (!MERGE_FIELDS[field]) return `"${field}" cannot be chosen; the fields are ${Object.keys(MERGE_FIELDS).join(', ')}.`;
    if (typeof source !== 'string' || !/^\d{1,18}$/.test(source)) return `The source of "${field}" should be an account id.`;
  }
  return null;
}

/** Oro's limits and refusals of a merge request (before any record is read). */
export function checkMerge(ids: string[], master: string, sources: Record<string, string>): void {
  if (ids.length < 2) throw new BusinessRuleViolation('You need minimum 2 entities to merge.', { relationship: 'accounts' });
  if (ids.length > MAX_MERGED) throw new BusinessRuleViolation(`You can merge only ${MAX_MERGED} entities at once.`, { relationship: 'accounts' });
  if (new Set(ids).size !== ids.length) throw new BusinessRuleViolation('Merge entities should be unique.', { relationship: 'accounts' });
  if (!ids.includes(master)) throw new BusinessRuleViolation('The master account must be one of the merged accounts.', { relationship: 'master' });
  for (const [field, source] of Object.entries(sources)) {
    if (!ids.includes(source)) throw new BusinessRuleViolation(`The source of "${field}" must be one of the merged accounts.`, { attribute: 'fields' });
  }
}

/**
 * The master's column values after the merge, in the order of `MERGE_FIELDS`: each field from the account chosen for
 * it, the master's otherwise. A referral to one of the merged accounts is dropped (the master would refer to itself).
 */
export function mergedValues(rows: Map<string, Record<string, unknown>>, master: string, ids: string[], sources: Record<string, string>): unknown[] {
  return Object.entries(MERGE_FIELDS).map(([field, column]) => {
    const value = rows.get(sources[field] ?? master)![column];
    return field === 'referredBy' && value !== null && ids.includes(String(value)) ? null : value;
  });
}
