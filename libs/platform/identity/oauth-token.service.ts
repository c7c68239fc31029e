import { type CommandBus, type Query, type QueryBus, QueryHandlerNotFoundException } from '@nestjs/cqrs';
import { containsNulCharacter } from '../database/nul-character';
import type { Queryable } from '../database/queryable';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens, TokenKind } from './access-tokens';
import type { LoginThrottle } from './login-throttle';
import { dummyHash, verifyPassword } from './password-hasher';
import { RefreshTokens } from './refresh-tokens';
import { FindStorefrontSignInCandidates, GetStorefrontUserRefusal, RecordStorefrontSignIn, type StorefrontSignInCandidate } from './storefront-users';

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

interface OAuthClient {
  client_id: string;
  secret_hash: string | null;
  kind: TokenKind;
  grants: string[];
  organization_id: string | null;
  user_id: string | null;
}

/**
 * `POST /oauth2-token` (RFC 6749): the `password`, `client_credentials` and `refresh_token` grants. Errors use the
 * OAuth2 error format (`error`, `error_description`) that OAuth client libraries expect.
 */
export class OAuthTokenService {
  private readonly refresh: RefreshTokens;

  constructor(
    private readonly db: Queryable,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {
    this.refresh = new RefreshTokens(db);
  }

  async token(params: Record<string, unknown>, ip: string): Promise<TokenResponse> {
    // A value PostgreSQL cannot hold (U+0000) matches no client, user or token: treated as absent.
    const text = (name: string) => (typeof params[name] === 'string' && !containsNulCharacter(params[name]) ? (params[name] as string) : undefined);
    const grant = text('grant_type');
    if (!grant) return oauthError(400, 'invalid_request', 'The "grant_type" parameter is required.');
    if (!['password', 'client_credentials', 'refresh_token'].includes(grant)) {
      return oauthError(400, 'unsupported_grant_type', `The grant type "${grant.slice(0, 50)}" is not supported.`);
    }
    const client = await this.client(text('client_id'), text('client_secret'));
    if (!client) return oauthError(401, 'invalid_client', 'Client authentication failed.');
    if (!client.grants.includes(grant)) return oauthError(400, 'unauthorized_client', `This client may not use the "${grant}" grant.`);
    switch (grant) {
      case 'password':
        return this.passwordGrant(client, text('username'), text('password'), ip);
      case 'client_credentials':
        return this.clientCredentialsGrant(client);
      default:
        return this.refreshGrant(client, text('refresh_token'));
    }
  }

  /**
   * Token revocation (RFC 7009): a client revokes one of its refresh tokens, e.g. when its user signs out. An unknown
   * or already revoked token is answered 200 as well (the client only needs to know it can no longer be used).
   * Access tokens are signed, not stored: they stay valid until they expire (one hour), so clients forget them.
   */
  async revoke(params: Record<string, unknown>): Promise<TokenResponse> {
    const text = (name: string) => (typeof params[name] === 'string' && !containsNulCharacter(params[name]) ? (params[name] as string) : undefined);
    const client = await this.client(text('client_id'), text('client_secret'));
    if (!client) return oauthError(401, 'invalid_client', 'Client authentication failed.');
    const token = text('token');
    if (!token) return oauthError(400, 'invalid_request', 'The "token" parameter is required.');
    const hint = text('token_type_hint');
    if (hint !== undefined && hint !== 'refresh_token' && hint !== 'access_token') {
      return oauthError(400, 'unsupported_token_type', `The token type "${hint.slice(0, 50)}" is not supported.`);
    }
    await this.refresh.revoke(token, client.client_id);
    return { status: 200, headers: { 'cache-control': 'no-store' }, body: {} };
  }

  private async passwordGrant(client: OAuthClient, username: string | undefined, password: string | undefined, ip: string): Promise<TokenResponse> {
    if (!username || !password) return oauthError(400, 'invalid_request', 'The "username" and "password" parameters are required.');
    const wait = await this.throttle.retryAfter(username, ip);
    if (wait > 0) return oauthError(429, 'too_many_requests', 'Too many failed sign-in attempts; try again later.', { 'retry-after': String(wait) });
    const user = client.kind === 'backoffice' ? await this.backOfficeUser(username, password) : await this.storefrontUser(username, password, client.organization_id);
    const allowed = user && (!client.organization_id || client.organization_id === user.organizationId);
    if (!allowed) {
      await this.throttle.failed(username, ip);
      return oauthError(400, 'invalid_grant', 'The user credentials were incorrect.');
    }
    // Said only to whoever knows the password, so it reveals nothing about an e-mail address.
    if (user.refusal) return oauthError(400, 'invalid_grant', user.refusal);
    await this.throttle.succeeded(username);
    if (client.kind === 'backoffice') await this.db.query(`UPDATE platform.user_account SET last_login_at = now() WHERE id = $1`, [user.id]);
    else await this.commands.execute(new RecordStorefrontSignIn(user.id));
    return this.grantTokens(client, user.id, user.organizationId, true);
  }

  /** The enabled back-office user with this e-mail and password, or null. */
  private async backOfficeUser(username: string, password: string): Promise<SignedIn | null> {
    const [user] = await this.db.query(
      `SELECT u.id::text AS id, u.organization_id::text AS organization_id, u.password_hash, u.enabled AND o.enabled AS active
       FROM platform.user_account u JOIN platform.organization o ON o.id = u.organization_id WHERE lower(u.email) = lower($1)`,
      [username],
    );
    const valid = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
    return user && valid && user.active ? { id: user.id, organizationId: user.organization_id, refusal: null } : null;
  }

  /**
   * The customer user with this e-mail whose password this is (e-mails are unique per organization, so a client of
   * no organization may match several: the first whose password fits), with its refusal if it may not sign in.
   */
  private async storefrontUser(username: string, password: string, organizationId: string | null): Promise<SignedIn | null> {
    const candidates = await this.storefrontCandidates(username, organizationId);
    if (candidates.length === 0) await verifyPassword(await dummyHash(), password); // same time as a wrong password
    for (const candidate of candidates) {
      if (candidate.passwordHash && (await verifyPassword(candidate.passwordHash, password))) {
        return { id: candidate.id, organizationId: candidate.organizationId, refusal: candidate.refusal };
      }
    }
    return null;
  }

  private async storefrontCandidates(email: string, organizationId: string | null): Promise<StorefrontSignInCandidate[]> {
    return (await this.askCustomerUsers(new FindStorefrontSignInCandidates(email, organizationId))) ?? [];
  }

  /** The answer of the module that keeps customer users, or undefined when none is loaded. */
  private async askCustomerUsers<T>(query: Query<T>): Promise<T | undefined> {
    try {
      return await this.queries.execute(query);
    } catch (error) {
      if (error instanceof QueryHandlerNotFoundException) return undefined;
      throw error;
    }
  }

  /** Tokens for a customer user who just registered or confirmed (auto-login after registration). */
  async storefrontTokens(customerUserId: string, organizationId: string): Promise<Record<string, unknown>> {
    const [client] = await this.db.query(
      `SELECT client_id, secret_hash, kind, grants, organization_id::text AS organization_id, user_id::text AS user_id
       FROM platform.oauth_client WHERE client_id = 'storefront' AND enabled`,
    );
    if (!client) return {};
    return (await this.grantTokens(client, customerUserId, organizationId, true)).body;
  }

  private async clientCredentialsGrant(client: OAuthClient): Promise<TokenResponse> {
    if (!client.secret_hash || !client.organization_id) return oauthError(400, 'unauthorized_client', 'Only confidential clients may use this grant.');
    if (client.kind === 'backoffice') {
      const [user] = await this.db.query(
        `SELECT u.id::text AS id FROM platform.user_account u JOIN platform.organization o ON o.id = u.organization_id
         WHERE u.id = $1 AND u.enabled AND o.enabled`,
        [client.user_id],
      );
      if (!user) return oauthError(400, 'invalid_grant', 'The user this client acts for is not active.');
      return this.grantTokens(client, user.id, client.organization_id, false);
    }
    return this.grantTokens(client, null, client.organization_id, false);
  }

  private async refreshGrant(client: OAuthClient, token: string | undefined): Promise<TokenResponse> {
    if (!token) return oauthError(400, 'invalid_request', 'The "refresh_token" parameter is required.');
    const owner = await this.refresh.consume(token, client.client_id);
    if (!owner) return oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired or already used.');
    const [user] =
      owner.kind === 'backoffice'
        ? await this.db.query(
            `SELECT 1 FROM platform.user_account u JOIN platform.organization o ON o.id = u.organization_id WHERE u.id = $1 AND u.enabled AND o.enabled`,
            [owner.userId],
          )
        : (await this.askCustomerUsers(new GetStorefrontUserRefusal(owner.organizationId, owner.userId))) === null
          ? [{}]
          : [];
    if (!user) return oauthError(400, 'invalid_grant', 'The user is no longer active.');
    return this.grantTokens(client, owner.userId, owner.organizationId, true);
  }

  private async grantTokens(client: OAuthClient, userId: string | null, organizationId: string, withRefresh: boolean): Promise<TokenResponse> {
    const accessToken = await this.tokens.issue({ userId, organizationId, kind: client.kind, clientId: client.client_id });
    const refreshToken = withRefresh && userId ? await this.refresh.issue({ clientId: client.client_id, kind: client.kind, userId, organizationId }) : undefined;
    return {
      status: 200,
      headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
      body: { token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS, access_token: accessToken, ...(refreshToken ? { refresh_token: refreshToken } : {}) },
    };
  }

  /** The enabled client with this id, if its secret (for a confidential client) is right. */
  private async client(clientId: string | undefined, secret: string | undefined): Promise<OAuthClient | null> {
    if (!clientId) return null;
    const [client] = await this.db.query(
      `SELECT client_id, secret_hash, kind, grants, organization_id::text AS organization_id, user_id::text AS user_id
       FROM platform.oauth_client WHERE client_id = $1 AND enabled`,
      [clientId],
    );
    if (!client) return null;
    if (client.secret_hash && !(secret && (await verifyPassword(client.secret_hash, secret)))) return null;
    return client;
  }
}

interface SignedIn {
  id: string;
  organizationId: string;
  refusal: string | null;
}

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): TokenResponse {
  return {
    status,
    headers: { 'cache-control': 'no-store', ...(status === 401 ? { 'www-authenticate': 'Basic realm="oauth2-token"' } : {}), ...headers },
    body: { error, error_description: description },
  };
}
