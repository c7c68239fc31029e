import { NestFactory } from '@nestjs/core';
import { AppModule, AsyncOperationPurge, PlatformOptions } from '../../libs/platform/runtime';

/**
 * `asyncoperations:purge [--days N]`: the nightly purge run now, in this process (N days instead of the configured
 * retention; 0 keeps every operation); prints what it removed, orphaned files included.
 */
export async function purgeCommand(options: PlatformOptions, days: number | undefined): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(options), { logger: false });
  try {
    const purge = app.get(AsyncOperationPurge);
    const retention = days ?? options.config.asyncOperationRetentionDays;
    const { operations, errors, files, orphanedFiles } = await purge.purge(retention);
    const kept = retention === 0 ? 'Retention is 0 days: every operation kept' : `Removed ${operations} asynchronous operation(s) finished more than ${retention} day(s) ago, ${errors} error(s), ${files} file(s)`;
    process.stdout.write(`${kept}; ${orphanedFiles} orphaned file(s) removed.\n`);
  } finally {
    await app.close();
  }
}
