import * as http from 'node:http';
import { ScenarioFailure } from './scenario';

export const JSON_API = 'application/vnd.api+json';

/** What a client sees from a process that is gone or going: nobody listens, or the connection closed. */
export const CONNECTION_CLOSED = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'socket hang up'];

export interface ApiAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json?: any;
}

/** What happened to one request: an answer, or the connection failed (refused, reset…), or no answer in time. */
export type ApiOutcome = ApiAnswer | { error: string };

/**
 * A JSON:API client on keep-alive connections, as a real integration would keep them. A request that gets no answer
 * within `timeoutMs` counts as `HANG`, the failure the scenarios guard against.
 */
export class ApiClient {
  private readonly agent: http.Agent;
  token?: string;

  constructor(
    readonly port: number,
    connections = 8,
    private readonly timeoutMs = 10_000,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  request(method: string, path: string, body?: unknown): Promise<ApiOutcome> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: JSON_API };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (payload) Object.assign(headers, { 'content-type': JSON_API, 'content-length': String(payload.length) });
    return new Promise((resolve) => {
      const request = http.request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text, json: parse(text) }));
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      });
      request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      request.setTimeout(this.timeoutMs, () => request.destroy(Object.assign(new Error('no answer'), { code: 'HANG' })));
      request.end(payload);
    });
  }

  /** A request that must succeed with `status`; its JSON. */
  async expect(status: number, method: string, path: string, body?: unknown): Promise<any> {
    const outcome = await this.request(method, path, body);
    if ('error' in outcome || outcome.status !== status) {
      throw new ScenarioFailure(`${method} ${path}: expected ${status}, got ${'error' in outcome ? outcome.error : `${outcome.status} ${outcome.body.slice(0, 300)}`}`);
    }
    return outcome.json;
  }

  /** Signs in with the password grant (the first administrator) and uses the token from then on. */
  async signIn(username: string, password: string): Promise<void> {
    const body = JSON.stringify({ grant_type: 'password', client_id: 'backoffice', username, password });
    const answer = await new Promise<ApiOutcome>((resolve) => {
      const request = http.request(
        { host: '127.0.0.1', port: this.port, method: 'POST', path: '/oauth2-token', headers: { 'content-type': 'application/json' } },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text, json: parse(text) }));
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      request.end(body);
    });
    if ('error' in answer || answer.status !== 200) throw new ScenarioFailure(`sign-in failed: ${JSON.stringify(answer).slice(0, 300)}`);
    this.token = answer.json.access_token;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A JSON:API 503 telling the client to come back (`Retry-After`), as answered while the database is down or on a stop. */
export function isRetryLater(outcome: ApiOutcome): boolean {
  return (
    !('error' in outcome) &&
    outcome.status === 503 &&
    outcome.headers['content-type'] === JSON_API &&
    Number(outcome.headers['retry-after']) > 0 &&
    outcome.json?.errors?.[0]?.status === '503'
  );
}

function parse(text: string): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
