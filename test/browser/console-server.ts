import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'browser-tests-password';
const ROOT = join(__dirname, '..', '..');
const JSON_API = 'application/vnd.api+json';

/** A free loopback port. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The real server (`dist/apps/api/main.js`, as `npm start` runs it) on the embedded defaults, in a temporary data
 * folder, with the first administrator's password set.
 */
export class ConsoleServer {
  private constructor(
    readonly url: string,
    private process: ChildProcess,
    private readonly dataDir: string,
    readonly log: string[],
    private readonly modules: string,
    private readonly port: number,
  ) {}

  static async start(modules: string): Promise<ConsoleServer> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'console-browser-'));
    const log: string[] = [];
    const server = new ConsoleServer(`http://127.0.0.1:${port}`, ConsoleServer.spawn(modules, port, dataDir, log), dataDir, log, modules, port);
    await server.ready();
    return server;
  }

  private static spawn(modules: string, port: number, dataDir: string, log: string[]): ChildProcess {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'api', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        MODULES: modules,
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    return child;
  }

  private async ready(): Promise<void> {
    // A first start (initdb, every migration) on a busy 2-core machine can take a while.
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`The server stopped: ${this.log.join('')}`);
      const ready = await fetch(`${this.url}/health/ready`).then((r) => r.ok, () => false);
      if (ready) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    await this.stop();
    throw new Error(`The server did not become ready in 180 s: ${this.log.join('')}`);
  }

  /**
   * Stops the server, runs SQL on its embedded database while no server holds it (data no API can make, such as a
   * dead letter), and starts it again on the same folder and port.
   */
  async withDatabase(statements: string[]): Promise<void> {
    await this.halt();
    const db = await PGlite.create({ dataDir: join(this.dataDir, 'pgdata'), extensions: { pg_trgm } });
    try {
      for (const statement of statements) await db.exec(statement);
    } finally {
      await db.close();
    }
    this.process = ConsoleServer.spawn(this.modules, this.port, this.dataDir, this.log);
    await this.ready();
  }

  async stop(): Promise<void> {
    await this.halt();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async halt(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (this.process.exitCode === null) this.process.kill('SIGKILL');
    }
  }

  async token(): Promise<string> {
    const response = await fetch(`${this.url}/oauth2-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', client_id: 'backoffice', username: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  /** The ids of the records a filter finds (e.g. `filter[name]=Northwind`), through the API. */
  async find(token: string, type: string, query: string): Promise<string[]> {
    const response = await fetch(`${this.url}/admin/api/${type}?${query}`, { headers: { Authorization: `Bearer ${token}`, Accept: JSON_API } });
    return ((await response.json()) as { data: Array<{ id: string }> }).data.map((record) => record.id);
  }

  /** A JSON:API document the API answers (a record, a list, an operation), with its status. */
  async read<T>(token: string, path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}/admin/api/${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: JSON_API } });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Sends a JSON:API document to a route that is not a record's create (an export); answers the status and body. */
  async post<T>(token: string, path: string, document: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}/admin/api/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: JSON_API, 'Content-Type': JSON_API },
      body: JSON.stringify(document),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Creates a record through the API; answers its id. */
  async create(token: string, type: string, attributes: Record<string, unknown>, relationships: Record<string, unknown> = {}): Promise<string> {
    const response = await fetch(`${this.url}/admin/api/${type}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: JSON_API, 'Content-Type': JSON_API },
      body: JSON.stringify({ data: { type, attributes, relationships } }),
    });
    const body = (await response.json()) as { data?: { id: string }; errors?: unknown };
    if (!body.data) throw new Error(`Seeding ${type} failed: ${JSON.stringify(body.errors)}`);
    return body.data.id;
  }
}

/** The data set the tests read: 25 accounts (three pages of ten), contacts on one of them, a few customers. */
export async function seed(server: ConsoleServer, withCommerce: boolean): Promise<{ firstAccount: string }> {
  const token = await server.token();
  const names = Array.from({ length: 25 }, (_, i) => `Account ${String(i + 1).padStart(2, '0')}`);
  const ids: string[] = [];
  for (const name of names) ids.push(await server.create(token, 'accounts', { name }));
  for (const [firstName, lastName] of [
    ['Ada', 'Lovelace'],
    ['Grace', 'Hopper'],
    ['Alan', 'Turing'],
  ]) {
    await server.create(token, 'contacts', { firstName, lastName, emails: [{ email: `${firstName.toLowerCase()}@example.com`, primary: true }] }, {
      accounts: { data: [{ type: 'accounts', id: ids[0] }] },
    });
  }
  if (withCommerce) {
    const customers: string[] = [];
    for (const name of ['Northwind', 'Contoso', 'Fabrikam']) customers.push(await server.create(token, 'customers', { name }));
    // Paid in full: the background jobs carry it into Northwind's lifetime value and its account's commerce total.
    await server.create(token, 'orders', { identifier: 'SO-1001', currency: 'USD', subtotal: '1250.00', total: '1300.00', paymentStatus: 'full' }, {
      customer: { data: { type: 'customers', id: customers[0] } },
    });
  }
  return { firstAccount: ids[0] };
}
