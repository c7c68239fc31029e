import type { Logger } from 'pino';
import { ConfigError } from '../config/app-config';
import { configureFromEnvironment } from '../config/app-config.module';
import { DatabaseHandle, openDatabase } from '../database/database-handle';
import { runMigrations } from '../database/run-migrations';
import { FirstAdministrator, ensureFirstAdministrator } from '../identity/identity-admin';
import { createLogger } from '../logging/logger';
import type { ModuleManifest } from '../modules/module-manifest';
import { ModuleResolutionError, resolveModules } from '../modules/resolve-modules';
import type { PlatformOptions } from '../platform.module';

export interface PreparedProcess extends PlatformOptions {
  logger: Logger;
}

/**
 * What every process does first: validated config, the enabled modules, the database (started if embedded) and, when
 * configured, its migrations. A bad configuration ends the process with one line saying what is wrong.
 */
export async function prepareProcess(service: string, catalog: ModuleManifest[]): Promise<PreparedProcess> {
  const { config, configModule, manifests } = await loadProcessConfig(catalog);
  const logger = createLogger(config, service);
  let database: DatabaseHandle;
  try {
    database = await openDatabase(config, manifests);
  } catch (error) {
    exitWith(error instanceof Error ? error.message : String(error));
  }
  if (config.migrateOnBoot) {
    const ran = await runMigrations(database, manifests, async (ds) =>
      announce(await ensureFirstAdministrator(ds, config.firstAdmin), logger, config.firstAdmin.password !== undefined),
    );
    if (ran.length > 0) logger.info({ migrations: ran }, `Ran ${ran.length} migration(s)`);
  }
  logger.info(
    { modules: manifests.map((m) => m.name), database: database.embedded ? 'embedded' : 'postgresql', queue: config.queueDriver },
    'Configuration loaded',
  );
  return { config, configModule, manifests, database, logger };
}

/** Config (validated by ConfigModule) and enabled modules, or exit with one line naming the bad variable or module. */
export async function loadProcessConfig(catalog: ModuleManifest[]): Promise<Omit<PlatformOptions, 'database'>> {
  try {
    const { config, configModule } = await configureFromEnvironment();
    return { config, configModule, manifests: resolveModules(config.modules, catalog) };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ModuleResolutionError) exitWith(error.message);
    throw error;
  }
}

/**
 * Tells, once, who the first administrator is (and the generated password, which is not stored anywhere else); and,
 * on every later start, that ADMIN_PASSWORD no longer does anything, so that nobody signs in with it in vain.
 */
export function announce(admin: FirstAdministrator | null, logger: Pick<Logger, 'warn'>, passwordGiven = false): void {
  if (!admin) {
    if (passwordGiven) logger.warn(ADMIN_PASSWORD_IGNORED);
    return;
  }
  logger.warn(
    admin.generatedPassword
      ? `First administrator created: ${admin.email} with password ${admin.generatedPassword} (shown once; change it)`
      : `First administrator created: ${admin.email} (password from ADMIN_PASSWORD)`,
  );
}

export const ADMIN_PASSWORD_IGNORED =
  'ADMIN_PASSWORD is ignored: this installation already has its first administrator, whose password was set when it ' +
  'was created (ADMIN_PASSWORD only applies to a fresh installation; use another DATA_DIR or database for a new one)';

export function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** SIGTERM/SIGINT: finish in-flight work, close everything, exit; give up after the configured timeout. */
export function onShutdownSignal(prepared: PreparedProcess, close: () => Promise<void>): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    prepared.logger.info(`${signal} received, shutting down`);
    setTimeout(() => {
      prepared.logger.error('Shutdown timed out');
      process.exit(1);
    }, prepared.config.shutdownTimeoutMs).unref();
    try {
      await close();
      await prepared.database.close();
      process.exit(0);
    } catch (error) {
      prepared.logger.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
