import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import {
  AppConfig,
  CallerResolver,
  DatabaseHandle,
  EmbeddedJobDriver,
  JOB_DRIVER,
  JobDriver,
  JobRunner,
  MessagingRegistry,
  ModuleManifest,
  OutboxRelay,
  QueueDriverKind,
  WorkerService,
  createHttpApp,
  loadConfig,
  resolveModules,
} from '../../libs/platform/runtime';
import { createTestDatabase } from './test-database';

export interface TestAppOptions {
  /** Enabled modules (default: all of the catalog). */
  modules?: string[];
  /** Extra, test-only modules (added to the catalog and enabled). */
  extraModules?: ModuleManifest[];
  /** Queue driver (default: redis when TEST_REDIS_URL is set, else postgres on a real database, else embedded). */
  queue?: QueueDriverKind;
  /** An existing database to use instead of a fresh one (it is not closed with the app). */
  database?: DatabaseHandle;
  /** Further environment-style settings. */
  env?: Record<string, string>;
  /** Who calls the JSON:API resources (default: every request is 401, as in production without authentication). */
  callerResolver?: CallerResolver;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  database: DatabaseHandle;
  get<T>(token: { new (...args: never[]): T } | string | symbol): T;
  /** Runs relay → subscribers → jobs until nothing is left (retries included). */
  drain(timeoutMs?: number): Promise<void>;
  /** Closes the app and (unless it was given one) drops its database. */
  close(): Promise<void>;
}

export function defaultQueueDriver(): QueueDriverKind {
  if (process.env.TEST_REDIS_URL && process.env.TEST_DATABASE_URL) return 'redis';
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';
}

/** Every queue driver this test run can exercise (all three when a PostgreSQL server and Redis are given). */
export function availableQueueDrivers(): QueueDriverKind[] {
  if (!process.env.TEST_DATABASE_URL) return ['embedded'];
  return process.env.TEST_REDIS_URL ? ['redis', 'postgres', 'embedded'] : ['postgres', 'embedded'];
}

/**
 * Boots the real application (same modules, platform and HTTP stack as production) on a fresh database, without
 * background loops: tests call `drain()` to make asynchronous work happen deterministically.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const extras = options.extraModules ?? [];
  const names = options.modules ?? moduleCatalog.map((m) => m.name);
  const manifests = resolveModules([...names, ...extras.map((m) => m.name)], [...moduleCatalog, ...extras]);
  const ownDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase(manifests));
  const queue = options.queue ?? defaultQueueDriver();
  const config: AppConfig = {
    ...loadConfig({
      MODULES: names.join(','),
      LOG_LEVEL: 'silent',
      JOB_BACKOFF_MS: '5',
      QUEUE_DRIVER: queue,
      REDIS_URL: queue === 'redis' ? process.env.TEST_REDIS_URL : undefined,
      DATABASE_URL: database.embedded ? undefined : database.url,
      QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
      // Tests send many requests from one address on purpose; the rate limit's own test sets a limit.
      RATE_LIMIT_MAX: '0',
      ...options.env,
    }),
    modules: manifests.map((m) => m.name),
  };
  const app = await createHttpApp({ config, manifests, database, callerResolver: options.callerResolver }, pino({ level: 'silent' }));
  const get = <T>(token: { new (...args: never[]): T } | string | symbol) => app.get(token as never) as T;
  return {
    app,
    config,
    database,
    get,
    drain: (timeoutMs = 30_000) => drain(get, timeoutMs),
    async close() {
      await app.close();
      if (ownDatabase) await database.close();
    },
  };
}

async function drain(get: TestApp['get'], timeoutMs: number): Promise<void> {
  const relay = get(OutboxRelay);
  const driver = get<JobDriver>(JOB_DRIVER);
  const queues = get(MessagingRegistry).queues();
  const runner = get(JobRunner);
  const worker = get(WorkerService);
  const deadline = Date.now() + timeoutMs;
  // BullMQ drivers need their consumers running; the embedded driver is stepped right here.
  if (!(driver instanceof EmbeddedJobDriver)) worker.startConsumers();
  let quietRounds = 0;
  while (quietRounds < 2) {
    if (Date.now() > deadline) throw new Error(`drain() timed out after ${timeoutMs} ms`);
    const relayed = await relay.relayAll();
    const ran = driver instanceof EmbeddedJobDriver ? await driver.runDue(queues, runner.execute) : 0;
    const pending = await driver.pendingCount();
    if (relayed === 0 && ran === 0 && pending === 0) quietRounds++;
    else {
      quietRounds = 0;
      // Retries wait out their (short, in tests) backoff.
      if (relayed === 0 && ran === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
