import { createHash, randomBytes } from 'node:crypto';
import type { CommerceStore } from '../shared/commerce-store';

export type TokenPurpose = 'confirmation' | 'password_reset';

/** How long an e-mailed token is valid: a week to confirm an e-mail, a day to reset a password (Oro's reset TTL). */
const TTL_HOURS: Record<TokenPurpose, number> = { confirmation: 24 * 7, password_reset: 24 };

/** Single-use, expiring tokens e-mailed to customer users; only their SHA-256 is stored. */
export const customerUserTokens = {
  /** A new token for the user; earlier unused tokens of the same purpose stop working. */
  async issue(store: CommerceStore, customerUserId: string, purpose: TokenPurpose): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await store.query(`UPDATE commerce.customer_user_token SET used_at = now() WHERE customer_user_id = $1 AND purpose = $2 AND used_at IS NULL`, [customerUserId, purpose]);
    await store.query(
      `INSERT INTO commerce.customer_user_token (customer_user_id, purpose, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => ${TTL_HOURS[purpose]}))`,
      [customerUserId, purpose, digest(token)],
    );
    return token;
  },

  /** Uses up a valid token and answers its user, or null when it is unknown, expired, used or of another purpose. */
  async consume(store: CommerceStore, token: string, purpose: TokenPurpose): Promise<{ customerUserId: string; organizationId: string } | null> {
    // An UPDATE … RETURNING answers [rows, count].
    const [[row]] = await store.query(
      `UPDATE commerce.customer_user_token t SET used_at = now()
       FROM commerce.customer_user u
       WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > now() AND u.id = t.customer_user_id
       RETURNING u.id::text AS "customerUserId", u.organization_id::text AS "organizationId"`,
      [digest(token), purpose],
    );
    return row ?? null;
  },
};

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
