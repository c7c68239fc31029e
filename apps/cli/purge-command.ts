import { NestFactory } from '@nestjs/core';
import { AppModule, AsyncOperationPurge, PlatformOptions } from '../../libs/platform/runtime';

/**
 * `asyncoperations:purge [--days N]`: the nightly purge run now, in this process (N days instead of the configured
 * retention); prints what it removed.
 */
export async function purgeCommand(options: PlatformOptions, days: number | undefined): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(options), { logger: false });
  try {
    const purge = app.get(AsyncOperationPurge);
    const retention = days ?? options.config.asyncOperationRetentionDays;
    if (retention === 0) return void process.stdout.write('Retention is 0 days (keep everything): nothing removed.\n');
    const { operations, errors, files } = await purge.purge(retention);
    process.stdout.write(`Removed ${operations} asynchronous operation(s) finished more than ${retention} day(s) ago, ${errors} error(s), ${files} file(s).\n`);
  } finally {
    await app.close();
  }
}
