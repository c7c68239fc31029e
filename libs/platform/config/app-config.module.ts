import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, type ConfigModuleOptions } from '@nestjs/config';
import { type AppConfig, loadConfig } from './app-config';

/**
 * Where `ConfigService` keeps the validated configuration: under one key, as one object. ConfigModule copies validated
 * values that are strings, numbers or booleans back into `process.env`; an object it leaves alone, so the environment
 * stays what the process was given (and child processes started from it inherit no defaults).
 */
export const APP_CONFIG_KEY = 'app';

export interface AppConfigValues {
  [APP_CONFIG_KEY]: AppConfig;
}

/** Global; no `.env` file (the environment the process was given, as ever); `ConfigService` never reads `process.env`. */
const shared: ConfigModuleOptions = { isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true };

/**
 * The process's configuration: `@nestjs/config`'s ConfigModule validates `process.env` with the zod schema
 * (`loadConfig` is its `validate`), so a bad value rejects with the same one-line `ConfigError`. The validated config
 * is returned too: the logger and the database need it before Nest starts.
 */
export async function configureFromEnvironment(): Promise<{ config: AppConfig; configModule: DynamicModule }> {
  let config: AppConfig | undefined;
  const configModule = await ConfigModule.forRoot({
    ...shared,
    validate: (env): AppConfigValues => ({ [APP_CONFIG_KEY]: (config = loadConfig(env)) }),
  });
  return { config: config!, configModule };
}

/** ConfigModule holding a configuration validated already (tests and benchmarks: `loadConfig` of their own variables). */
export function configModuleOf(config: AppConfig): Promise<DynamicModule> {
  return ConfigModule.forRoot({ ...shared, validatePredefined: false, load: [(): AppConfigValues => ({ [APP_CONFIG_KEY]: config })] });
}
