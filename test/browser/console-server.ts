import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
    private readonly process: ChildProcess,
    private readonly dataDir: string,
    readonly log: string[],
  ) {}

  static async start(modules: string): Promise<ConsoleServer> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'console-browser-'));
    const log: string[] = [];
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
    const server = new ConsoleServer(`http://127.0.0.1:${port}`, child, dataDir, log);
    // A first start (initdb, every migration) on a busy 2-core machine can take a while.
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The server stopped: ${log.join('')}`);
      const ready = await fetch(`${server.url}/health/ready`).then((r) => r.ok, () => false);
      if (ready) return server;
      await new Promise((r) => setTimeout(r, 250));
    }
    await server.stop();
    throw new Error(`The server did not become ready in 180 s: ${log.join('')}`);
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (this.process.exitCode === null) this.process.kill('SIGKILL');
    }
    rmSync(this.dataDir, { recursive: true, force: true });
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
