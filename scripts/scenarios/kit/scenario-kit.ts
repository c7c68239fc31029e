import { ApiClient } from './api-client';
import { AppProcess } from './app-processes';
import { PrivatePostgres } from './private-postgres';
import { PrivateRedis } from './private-redis';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'scenario-admin-password';

export interface StackOptions {
  /** Extra environment of both processes (e.g. `RELAY_POLL_MS`). */
  env?: Record<string, string>;
  /** Extra environment of the worker only. */
  workerEnv?: Record<string, string>;
}

/**
 * What a scenario works with: its own PostgreSQL cluster and Redis, the API and the worker as separate processes on
 * them, and a signed-in API client. Every port comes from `SCENARIO_PORT_BASE` (default 20100) onwards, so runs stay
 * in their own range. `cleanup()` stops and removes everything; the runner calls it whatever happened.
 */
export class ScenarioKit {
  readonly postgres: PrivatePostgres;
  readonly redis: PrivateRedis;
  api!: AppProcess;
  worker!: AppProcess;
  client!: ApiClient;
  databaseUrl!: string;
  private readonly cleanups: Array<() => Promise<void> | void> = [];
  private readonly createdAt = Date.now();

  constructor(readonly portBase: number) {
    this.postgres = new PrivatePostgres(portBase);
    this.redis = new PrivateRedis(portBase + 1);
    this.onCleanup(() => this.postgres.destroy());
    this.onCleanup(() => this.redis.stop());
  }

  /**
   * PostgreSQL, Redis, a database migrated by the API on its first boot (which also creates the first administrator),
   * the worker, and a client signed in as that administrator. Modules: all of them.
   */
  async startStack(options: StackOptions = {}): Promise<void> {
    await this.postgres.init();
    await this.redis.start();
    this.databaseUrl = await this.postgres.createDatabase('scenario');
    const common = {
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redis.url,
      MODULES: 'crm,commerce,integration',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      // Scenarios push load from one client on purpose.
      RATE_LIMIT_MAX: '0',
      LOG_LEVEL: 'info',
      ...options.env,
    };
    this.api = new AppProcess('api', this.portBase + 2, { ...common, MIGRATE_ON_BOOT: 'true' });
    this.worker = new AppProcess('worker', this.portBase + 3, { ...common, ...options.workerEnv });
    this.onCleanup(() => this.worker.kill());
    this.onCleanup(() => this.api.kill());
    await this.api.start();
    this.step('API ready (database migrated)');
    await this.worker.start();
    this.step('worker ready');
    this.client = this.newClient();
    await this.client.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  /** Another client of the API (its own connections), signed in with the same token. */
  newClient(connections = 8): ApiClient {
    const client = new ApiClient(this.portBase + 2, connections);
    client.token = this.client?.token;
    this.onCleanup(() => client.close());
    return client;
  }

  /** `count` customers created through the API; their ids. */
  async createCustomers(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const json = await this.client.expect(201, 'POST', '/admin/api/customers', { data: { type: 'customers', attributes: { name: `Scenario customer ${i + 1}` } } });
      ids.push(json.data.id);
    }
    return ids;
  }

  /** Prints a progress line with the time since the scenario began. */
  step(message: string): void {
    console.log(`  [${((Date.now() - this.createdAt) / 1000).toFixed(1).padStart(5)} s] ${message}`);
  }

  onCleanup(step: () => Promise<void> | void): void {
    this.cleanups.push(step);
  }

  /** Runs every cleanup step, last registered first; a failing step does not stop the others. */
  async cleanup(): Promise<void> {
    for (const step of this.cleanups.reverse()) await Promise.resolve().then(step).catch(() => undefined);
    this.cleanups.length = 0;
  }

  /** Recent output of both processes, for a failure message. */
  logs(): string {
    return [this.api, this.worker]
      .filter(Boolean)
      .map((p) => `--- ${p.role} (last lines)\n${p.tail(15)}`)
      .join('\n');
  }
}
