import { randomBytes } from 'node:crypto';
import type { CommerceStore } from '../shared/commerce-store';

const PREFIX = 'ROLE_FRONTEND_';

/** Upper snake case without accents and without the prefix: "Key Buyer" → KEY_BUYER. */
function codeWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(new RegExp(`^${PREFIX}`), '')
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

const suffix = () => randomBytes(3).toString('hex').toUpperCase();

/**
 * A role's code. Derived from the label on create: `ROLE_FRONTEND_` + the label in upper snake case ("Key Buyer" →
 * ROLE_FRONTEND_KEY_BUYER), with a short random suffix when the organization already has that code (labels are unique
 * per customer only). Given by the client (`role`, on create or update): as Oro, the prefix is added when missing and a
 * random suffix always follows ("new 1" → ROLE_FRONTEND_NEW_1_3F2A9C), so that a code is never reused.
 */
export async function newRoleCode(store: CommerceStore, organizationId: string, label: string, given?: string): Promise<string> {
  const base = `${PREFIX}${codeWords(given ?? label) || 'ROLE'}`;
  for (let code = given === undefined ? base : `${base}_${suffix()}`; ; code = `${base}_${suffix()}`) {
    const [taken] = await store.query(`SELECT 1 FROM commerce.customer_user_role WHERE organization_id = $1 AND role = $2`, [organizationId, code]);
    if (!taken) return code;
  }
}
