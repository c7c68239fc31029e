import * as path from 'node:path';
import { z } from 'zod';
import { EMBEDDED_SHARED_BUFFERS } from './embedded-memory';

/**
 * The process environment's schema: every setting is typed and validated at boot (`loadConfig` is the `validate` of
 * the application's ConfigModule, see `app-config.module.ts`); a bad value stops the process with a message naming the
 * variable (see `ConfigError`).
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').min(min).max(max);
const url = (schemes: string[]) =>
  z
    .string()
    .url('expected a URL')
    .refine((v) => schemes.some((s) => v.startsWith(`${s}://`)), `expected a ${schemes.join('/')} URL`);

const schema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./var'),
  EMBEDDED_SNAPSHOT_DIR: z.string().min(1).default('./dist/embedded-snapshots'),
  EMBEDDED_SHARED_BUFFERS: z.string().regex(/^[1-9]\d*(kB|MB|GB)$/, 'expected a size such as 16MB').default(EMBEDDED_SHARED_BUFFERS),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  MODULES: z.string().default('crm,commerce,integration'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: int(1, 200).default(10),
  MIGRATE_ON_BOOT: bool.optional(),
  RUN_WORKER: bool.optional(),
  QUEUE_DRIVER: z.enum(['auto', 'redis', 'postgres', 'embedded']).default('auto'),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'expected 1-40 of a-z, 0-9, _ and -').default('b2b'),
  WORKER_PORT: int(0, 65535).default(3001),
  WORKER_CONCURRENCY: int(1, 64).default(4),
  JOB_ATTEMPTS: int(1, 100).default(5),
  JOB_BACKOFF_MS: int(1, 3_600_000).default(1000),
  RELAY_POLL_MS: int(10, 60_000).default(1000),
  JOB_LOCK_MS: int(1000, 600_000).default(5000),
  DELIVERY_TIMEOUT_MS: int(1000, 3_600_000).default(30_000),
  SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(10_000),
  API_MAX_PAGE_SIZE: int(1, 100_000).default(1000),
  IMPORT_MAX_BYTES: int(1024, 10 * 1024 * 1024 * 1024).default(256 * 1024 * 1024),
  EXPORT_CHUNK_ROWS: int(1, 1_000_000).default(5000),
  ASYNC_OPERATION_RETENTION_DAYS: int(0, 36_500).default(30),
  PERMISSIONS_CACHE_MS: int(0, 60_000).default(2000),
  RATE_LIMIT_MAX: int(0, 10_000_000).default(6000),
  RATE_LIMIT_WINDOW_MS: int(1000, 86_400_000).default(60_000),
  BASE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter ISO 4217 code').default('USD'),
  ADMIN_EMAIL: z.string().email('expected an e-mail address').default('admin@example.com'),
  ADMIN_PASSWORD: z.string().min(8, 'expected at least 8 characters').optional(),
  ADMIN_ORGANIZATION: z.string().min(1).max(255).default('Default'),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  MAIL_FROM: z.string().email('expected an e-mail address').default('no-reply@example.com'),
  MAIL_DIR: z.string().min(1).optional(),
  STOREFRONT_URL: url(['http', 'https']).default('http://localhost:3000'),
});

export type QueueDriverKind = 'redis' | 'postgres' | 'embedded';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Where the build keeps migrated snapshots of the embedded database: a new DATA_DIR starts from one. */
  embeddedSnapshotDir: string;
  /** PostgreSQL's `shared_buffers` of the embedded database (the most of its memory). */
  embeddedSharedBuffers: string;
  databaseUrl?: string;
  redisUrl?: string;
  modules: string[];
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  embedded: boolean;
  dbPoolSize: number;
  migrateOnBoot: boolean;
  runWorker: boolean;
  queueDriver: QueueDriverKind;
  queuePrefix: string;
  workerPort: number;
  workerConcurrency: number;
  jobAttempts: number;
  jobBackoffMs: number;
  relayPollMs: number;
  /** How long a BullMQ worker's hold on a running job lasts unless renewed: a dead worker's jobs run again after it. */
  jobLockMs: number;
  /** How long a job handed to a queue that can lose data (BullMQ) may go unconfirmed before it is handed again. */
  deliveryTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** The currency every lifetime value and base amount is expressed in. */
  baseCurrency: string;
  /** Most records one `page[size]=-1` request returns (and most related ids listed per relationship). */
  apiMaxPageSize: number;
  /** Largest CSV file `POST /admin/api/imports` takes (larger: 413, nothing stored). */
  importMaxBytes: number;
  /** Records per chunk of an asynchronous CSV export (Oro's export batch: 5000); each chunk is one transaction. */
  exportChunkRows: number;
  /** Days a finished asynchronous operation (its errors, its files) is kept before the nightly purge; 0 keeps them. */
  asyncOperationRetentionDays: number;
  /** How long a user's roles are reused between requests (0: read on every request). */
  permissionsCacheMs: number;
  /** Requests one client (its token's user or client, else its IP address) may make per window; 0 = no limit. */
  rateLimit: { max: number; windowMs: number };
  /** The first administrator, created on a fresh installation. */
  firstAdmin: { email: string; password?: string; organization: string };
  /** Outgoing mail: SMTP when `smtpUrl` is set, else one file per message in `dir`. */
  mail: { smtpUrl?: string; from: string; dir: string };
  /** Where the storefront's pages are: links in mails (confirmation, password reset) point there. */
  storefrontUrl: string;
}

export class ConfigError extends Error {}

export function parseModuleList(value: string): string[] {
  return [...new Set(value.split(',').map((m) => m.trim()).filter(Boolean))];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings count as unset so that `DATABASE_URL=` in an .env file means "embedded".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid configuration: ${name}=${JSON.stringify(env[name])}: ${issue.message}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  const queueDriver = resolveQueueDriver(e.QUEUE_DRIVER, embedded, !!e.REDIS_URL);
  const modules = parseModuleList(e.MODULES);
  if (modules.length === 0) throw new ConfigError('Invalid configuration: MODULES: expected at least one module');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    embeddedSnapshotDir: e.EMBEDDED_SNAPSHOT_DIR,
    embeddedSharedBuffers: e.EMBEDDED_SHARED_BUFFERS,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    modules,
    logLevel: e.LOG_LEVEL,
    embedded,
    // The embedded database serializes every connection into one session: more than one pooled connection would only
    // queue, and a second connection used inside a transaction would deadlock.
    dbPoolSize: embedded ? 1 : e.DB_POOL_SIZE,
    migrateOnBoot: e.MIGRATE_ON_BOOT ?? embedded,
    runWorker: e.RUN_WORKER ?? embedded,
    queueDriver,
    queuePrefix: e.QUEUE_PREFIX,
    workerPort: e.WORKER_PORT,
    workerConcurrency: e.WORKER_CONCURRENCY,
    jobAttempts: e.JOB_ATTEMPTS,
    jobBackoffMs: e.JOB_BACKOFF_MS,
    relayPollMs: e.RELAY_POLL_MS,
    jobLockMs: e.JOB_LOCK_MS,
    deliveryTimeoutMs: e.DELIVERY_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    apiMaxPageSize: e.API_MAX_PAGE_SIZE,
    importMaxBytes: e.IMPORT_MAX_BYTES,
    exportChunkRows: e.EXPORT_CHUNK_ROWS,
    asyncOperationRetentionDays: e.ASYNC_OPERATION_RETENTION_DAYS,
    permissionsCacheMs: e.PERMISSIONS_CACHE_MS,
    baseCurrency: e.BASE_CURRENCY,
    rateLimit: { max: e.RATE_LIMIT_MAX, windowMs: e.RATE_LIMIT_WINDOW_MS },
    firstAdmin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, organization: e.ADMIN_ORGANIZATION },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, dir: e.MAIL_DIR ?? path.join(e.DATA_DIR, 'mail') },
    storefrontUrl: e.STOREFRONT_URL.replace(/\/+$/, ''),
  };
}

function resolveQueueDriver(choice: string, embedded: boolean, hasRedis: boolean): QueueDriverKind {
  if (choice === 'auto') return hasRedis ? 'redis' : embedded ? 'embedded' : 'postgres';
  if (choice === 'redis' && !hasRedis) throw new ConfigError('Invalid configuration: QUEUE_DRIVER=redis needs REDIS_URL');
  if (choice === 'postgres' && embedded)
    throw new ConfigError('Invalid configuration: QUEUE_DRIVER=postgres needs DATABASE_URL');
  return choice as QueueDriverKind;
}
