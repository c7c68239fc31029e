import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded database, the embedded queue and every module', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: './var',
      embedded: true,
      dbPoolSize: 1,
      migrateOnBoot: true,
      runWorker: true,
      queueDriver: 'embedded',
      modules: ['crm', 'commerce', 'integration'],
      logLevel: 'info',
    });
  });

  it('picks BullMQ on Redis, else on PostgreSQL, when servers are given', () => {
    const pg = 'postgres://u@db:5432/app';
    expect(loadConfig({ DATABASE_URL: pg, REDIS_URL: 'redis://cache:6379' })).toMatchObject({
      embedded: false,
      queueDriver: 'redis',
      migrateOnBoot: false,
      runWorker: false,
      dbPoolSize: 10,
    });
    expect(loadConfig({ DATABASE_URL: pg }).queueDriver).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: pg, RUN_WORKER: 'true', MIGRATE_ON_BOOT: '1' })).toMatchObject({
      runWorker: true,
      migrateOnBoot: true,
    });
  });

  it('treats empty variables as unset and trims the module list', () => {
    expect(loadConfig({ DATABASE_URL: '', MODULES: ' crm , commerce,crm ' })).toMatchObject({
      embedded: true,
      modules: ['crm', 'commerce'],
    });
  });

  it.each([
    [{ PORT: '70000' }, /^Invalid configuration: PORT="70000": /],
    [{ PORT: '3.5' }, /PORT="3.5": expected a whole number/],
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT="eighty": expected a whole number/],
    [{ DATABASE_URL: 'mysql://localhost/x' }, /DATABASE_URL="mysql:\/\/localhost\/x": expected a postgres\/postgresql URL/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL="loud"/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL="not a url": expected a URL/],
    [{ REDIS_URL: 'http://cache' }, /REDIS_URL="http:\/\/cache": expected a redis\/rediss URL/],
    [{ MIGRATE_ON_BOOT: 'maybe' }, /MIGRATE_ON_BOOT="maybe": expected true or false/],
    [{ MODULES: ' , ' }, /MODULES: expected at least one module/],
    [{ QUEUE_DRIVER: 'redis' }, /QUEUE_DRIVER=redis needs REDIS_URL/],
    [{ QUEUE_DRIVER: 'postgres' }, /QUEUE_DRIVER=postgres needs DATABASE_URL/],
    [{ QUEUE_PREFIX: 'Has Spaces' }, /QUEUE_PREFIX="Has Spaces"/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
