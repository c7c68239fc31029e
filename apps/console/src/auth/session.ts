/**
 * The signed-in session: the access token lives in memory only; the refresh token is kept in this tab's
 * sessionStorage so that a reload does not sign the user out, and it is rotated on every use (the server refuses a
 * used one). Signing out revokes it (RFC 7009) and forgets both.
 */
export interface SessionUser {
  userId: string;
  organizationId: string;
}

export interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
}

export class SignInError extends Error {}

const CLIENT_ID = 'backoffice';
const REFRESH_KEY = 'console.refreshToken';

/** The claims the console reads from our access token (a JWT): who is signed in, in which organization. */
export function claimsOf(accessToken: string): SessionUser | null {
  try {
    const payload = JSON.parse(atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; org?: string };
    return payload.sub && payload.org ? { userId: payload.sub, organizationId: payload.org } : null;
  } catch {
    return null;
  }
}

export class Session {
  private accessToken: string | null = null;
  private renewing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = sessionStorage,
    private readonly fetcher: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  get token(): string | null {
    return this.accessToken;
  }

  get user(): SessionUser | null {
    return this.accessToken ? claimsOf(this.accessToken) : null;
  }

  /** Whether a refresh token is there to resume the session with (after a reload). */
  get resumable(): boolean {
    return this.storage.getItem(REFRESH_KEY) !== null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async signIn(username: string, password: string): Promise<void> {
    const response = await this.post('/oauth2-token', { grant_type: 'password', client_id: CLIENT_ID, username, password });
    const body = (await response.json().catch(() => ({}))) as TokenAnswer & { error_description?: string };
    if (!response.ok) throw new SignInError(body.error_description ?? `The server answered ${response.status}.`);
    this.keep(body);
  }

  /** Exchanges the refresh token for new tokens; one exchange at a time, however many requests asked for it. */
  renew(): Promise<boolean> {
    this.renewing ??= this.exchange().finally(() => (this.renewing = null));
    return this.renewing;
  }

  async signOut(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    this.forget();
    if (refreshToken) {
      await this.post('/oauth2-token/revoke', { client_id: CLIENT_ID, token: refreshToken, token_type_hint: 'refresh_token' }).catch(() => undefined);
    }
  }

  private async exchange(): Promise<boolean> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    if (!refreshToken) return false;
    const response = await this.post('/oauth2-token', { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: refreshToken }).catch(() => null);
    if (!response?.ok) {
      this.forget();
      return false;
    }
    this.keep((await response.json()) as TokenAnswer);
    return true;
  }

  private keep(answer: TokenAnswer): void {
    this.accessToken = answer.access_token;
    if (answer.refresh_token) this.storage.setItem(REFRESH_KEY, answer.refresh_token);
    this.listeners.forEach((listener) => listener());
  }

  private forget(): void {
    this.accessToken = null;
    this.storage.removeItem(REFRESH_KEY);
    this.listeners.forEach((listener) => listener());
  }

  private post(path: string, body: Record<string, string>): Promise<Response> {
    return this.fetcher(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  }
}
