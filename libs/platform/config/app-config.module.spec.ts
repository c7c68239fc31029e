import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from './app-config';
import { configModuleOf, configureFromEnvironment } from './app-config.module';
import { AppConfigService } from './app-config.service';

describe('configuration through ConfigModule', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('validates process.env with the zod schema and leaves the environment as it was', async () => {
    process.env.PORT = '3456';
    process.env.MODULES = 'crm';
    delete process.env.DATA_DIR;
    const before = { ...process.env };
    const { config } = await configureFromEnvironment();
    expect(config).toMatchObject({ port: 3456, modules: ['crm'], dataDir: './var' });
    expect(process.env).toEqual(before);
  });

  it('refuses a bad variable with the same one line as loadConfig', async () => {
    process.env.PORT = 'eighty';
    const rejection = configureFromEnvironment();
    await expect(rejection).rejects.toThrow(ConfigError);
    await expect(rejection).rejects.toThrow('Invalid configuration: PORT="eighty": expected a whole number');
  });

  it('serves the configuration, typed, through AppConfigService', async () => {
    const given = { ...loadConfig({ JOB_ATTEMPTS: '7', SMTP_URL: 'smtp://mail.example.com' }), dbPoolSize: 3 };
    @Module({ imports: [configModuleOf(given)], providers: [AppConfigService] })
    class ConfigOnly {}
    const app = await NestFactory.createApplicationContext(ConfigOnly, { logger: false });
    try {
      const config = app.get(AppConfigService);
      expect(config.get('jobAttempts')).toBe(7);
      expect(config.get('dbPoolSize')).toBe(3);
      expect(config.get('mail').smtpUrl).toBe('smtp://mail.example.com');
      expect(config.all()).toBe(given);
    } finally {
      await app.close();
    }
  });
});
