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
  private key?: CryptoKey;
  /** Tokens already verified, until they expire: a token is checked cryptographically once per process. */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; expiresAt: number }>();

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
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.claims;
    try {
      const { payload } = await jwtVerify(token, await this.secret(), { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload.org !== 'string' || (payload.knd !== 'backoffice' && payload.knd !== 'storefront') || typeof payload.cid !== 'string') return null;
      const claims: AccessTokenClaims = { userId: payload.sub || null, organizationId: payload.org, kind: payload.knd, clientId: payload.cid };
      if (this.verified.size >= 10_000) this.verified.clear(); // bounded, whatever the number of tokens in use
      this.verified.set(token, { claims, expiresAt: (payload.exp ?? 0) * 1000 });
      return claims;
    } catch {
      return null;
    }
  }

  /** The HMAC key, imported once (importing it per request was a noticeable share of a request's CPU time). */
  private async secret(): Promise<CryptoKey> {
    if (!this.key) {
      await this.db.query(`INSERT INTO platform.signing_key (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`, [
        randomBytes(48).toString('base64url'),
      ]);
      const [{ secret }] = await this.db.query(`SELECT secret FROM platform.signing_key WHERE id = 1`);
      this.key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    }
    return this.key;
  }
}
