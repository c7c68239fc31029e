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
