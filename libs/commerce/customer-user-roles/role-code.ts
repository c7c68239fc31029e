import { randomBytes } from 'node:crypto';
import type { CommerceStore } from '../shared/commerce-store';

const PREFIX = 'ROLE_FRONTEND_';

/**
 * A new role's code: `ROLE_FRONTEND_` + the label in upper snake case ("Key Buyer" → ROLE_FRONTEND_KEY_BUYER), with a
 * short random suffix when the organization already has that code (labels are unique per customer only).
 */
export async function newRoleCode(store: CommerceStore, organizationId: string, label: string): Promise<string> {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
  const base = `${PREFIX}${words || 'ROLE'}`;
  for (let code = base; ; code = `${base}_${randomBytes(3).toString('hex').toUpperCase()}`) {
    const [taken] = await store.query(`SELECT 1 FROM commerce.customer_user_role WHERE organization_id = $1 AND role = $2`, [organizationId, code]);
    if (!taken) return code;
  }
}
