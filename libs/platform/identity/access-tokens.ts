import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Queryable } from '../database/queryable';

export type TokenKind = 'backoffice' | 'storefront';

export interface AccessTokenClaims {
  userId: string | null;
  organizationId: string;
  kind: TokenKind;
  clientId: string;
}

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
const ISSUER = 'b2b-customer-management';

/**
 * Short-lived signed access tokens (HS256 JWT). The signing secret lives in the database, created on first use, so
 * every API replica shares it with no configuration.
 */
export class AccessTokens {
  private key?: Uint8Array;

  constructor(private readonly db: Queryable) {}

  async issue(claims: AccessTokenClaims): Promise<string> {
    return new SignJWT({ org: claims.organizationId, knd: claims.kind, cid: claims.clientId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(claims.userId ?? '')
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(await this.secret());
  }

  /** The claims of a valid, unexpired token of ours, or null. */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, await this.secret(), { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload.org !== 'string' || (payload.knd !== 'backoffice' && payload.knd !== 'storefront') || typeof payload.cid !== 'string') return null;
      return { userId: payload.sub || null, organizationId: payload.org, kind: payload.knd, clientId: payload.cid };
    } catch {
      return null;
    }
  }

  private async secret(): Promise<Uint8Array> {
    if (!this.key) {
      await this.db.query(`INSERT INTO platform.signing_key (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`, [
        randomBytes(48).toString('base64url'),
      ]);
      const [{ secret }] = await this.db.query(`SELECT secret FROM platform.signing_key WHERE id = 1`);
      this.key = new TextEncoder().encode(secret);
    }
    return this.key;
  }
}
