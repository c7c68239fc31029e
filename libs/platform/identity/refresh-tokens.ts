import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../database/queryable';
import type { TokenKind } from './access-tokens';

const REFRESH_TTL_DAYS = 30;

export interface RefreshTokenOwner {
  clientId: string;
  kind: TokenKind;
  userId: string;
  organizationId: string;
}

/** Opaque refresh tokens, stored only as SHA-256 hashes and rotated on every use. */
export class RefreshTokens {
  constructor(private readonly db: Queryable) {}

  async issue(owner: RefreshTokenOwner): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO platform.refresh_token (token_hash, client_id, kind, user_id, organization_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => ${REFRESH_TTL_DAYS}))`,
      [digest(token), owner.clientId, owner.kind, owner.userId, owner.organizationId],
    );
    return token;
  }

  /** Revokes a valid token of this client and returns its owner, or null if it is unknown, expired or used. */
  async consume(token: string, clientId: string): Promise<RefreshTokenOwner | null> {
    const [rows] = await this.db.query(
      `UPDATE platform.refresh_token SET revoked_at = now()
       WHERE token_hash = $1 AND client_id = $2 AND revoked_at IS NULL AND expires_at > now()
       RETURNING client_id, kind, user_id::text, organization_id::text`,
      [digest(token), clientId],
    );
    const row = rows[0];
    return row ? { clientId: row.client_id, kind: row.kind, userId: row.user_id, organizationId: row.organization_id } : null;
  }

  /** Revokes a token of this client (RFC 7009): unknown, expired or already revoked tokens are left as they are. */
  async revoke(token: string, clientId: string): Promise<void> {
    await this.db.query(`UPDATE platform.refresh_token SET revoked_at = now() WHERE token_hash = $1 AND client_id = $2 AND revoked_at IS NULL`, [
      digest(token),
      clientId,
    ]);
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
