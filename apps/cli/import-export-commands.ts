import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { NestFactory } from '@nestjs/core';
import { stringify } from 'csv-stringify';
import { DataSource } from 'typeorm';
import { AppModule, CALLER_RESOLVER, type CallerResolver, Exports, Imports, JsonApiException, MessagingRegistry, type PlatformOptions, exitWith } from '../../libs/platform/runtime';
import { progressReporter } from './progress-bar';

const RUN_ASYNC_OPERATION_JOB = 'platform.run-async-operation';

type Context = Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;

/**
 * `import <type> <file> [--validate-only] [--user EMAIL]`: the same import as `POST /admin/api/imports` (the same
 * operation, chunks, rules and errors), run at once in this process with a progress bar, as the given user (default:
 * the first administrator), then its summary and every error.
 */
export async function importCommand(options: PlatformOptions, type: string, file: string, validateOnly: boolean, email?: string): Promise<void> {
  await withApp(options, async (app) => {
    const caller = await callerOf(app, email);
    const started = await app
      .get(Imports)
      .start(type, file, caller, validateOnly)
      .catch((error: unknown) => exitWith(error instanceof JsonApiException ? error.errors.map((e) => e.detail).join('\n') : String(error)));
    const job = app.get(MessagingRegistry).job(RUN_ASYNC_OPERATION_JOB) ?? exitWith('The asynchronous operations job is not loaded.');
    const progress = progressReporter();
    try {
      // The job reads the file into chunks, then counts them as they are written: the bar shows chunks of rows.
      await job.processor.run({ operationId: started.id }, { attempt: 1, key: `import:${started.id}:cli`, progress: (done, total) => progress.update(done, total) });
    } finally {
      progress.stop();
    }
    const ds = app.get(DataSource);
    const [op] = await ds.query(
      `SELECT status, read_count AS read, create_count AS added, update_count AS replaced, error_count AS errors, aggregate_time_ms AS ms FROM platform.async_operation WHERE id = $1`,
      [started.id],
    );
    process.stdout.write(
      `${validateOnly ? 'Validated (nothing written)' : 'Imported'} ${type}: read ${op.read}, ${validateOnly ? 'would add' : 'added'} ${op.added}, ` +
        `${validateOnly ? 'would replace' : 'replaced'} ${op.replaced}, errors ${op.errors} (operation #${started.id}, ${op.status}, ${op.ms} ms).\n`,
    );
    const errors: Array<{ detail: string }> = await ds.query(`SELECT detail FROM platform.async_operation_error WHERE operation_id = $1 ORDER BY chunk, n`, [started.id]);
    for (const { detail } of errors) process.stdout.write(`${detail}\n`);
    if (op.status !== 'success') process.exitCode = 1;
  });
}

/** `export <type> <file> [--filter "filter[name][contains]=Acme"]…`: the CSV the API's export answers, into a file. */
export async function exportCommand(options: PlatformOptions, type: string, file: string, filters: string[], email?: string): Promise<void> {
  await withApp(options, async (app) => {
    const caller = await callerOf(app, email);
    const rows = app.get(Exports).rows(type, filters.join('&'), caller);
    const progress = progressReporter();
    let written = -1;
    async function* counted() {
      for await (const row of rows) {
        written += 1;
        if (written > 0 && written % 1000 === 0) progress.update(written, written);
        yield row;
      }
    }
    try {
      await pipeline(counted(), stringify({ bom: true, escape_formulas: true }), createWriteStream(file));
    } catch (error) {
      exitWith(error instanceof JsonApiException ? error.errors.map((e) => e.detail).join('\n') : String(error));
    } finally {
      progress.stop();
    }
    process.stdout.write(`Exported ${Math.max(written, 0)} ${type} to ${file}.\n`);
  });
}

async function withApp(options: PlatformOptions, work: (app: Context) => Promise<void>): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(options), { logger: false });
  try {
    await work(app);
  } finally {
    await app.close();
  }
}

/** The user the CLI acts as: `--user EMAIL`, else the first administrator. */
async function callerOf(app: Context, email?: string) {
  const [user] = await app.get(DataSource).query(
    `SELECT u.id::text AS id, u.organization_id::text AS "organizationId" FROM platform.user_account u
     WHERE ($1::text IS NULL AND EXISTS (SELECT 1 FROM platform.user_role ur JOIN platform.role r ON r.id = ur.role_id WHERE ur.user_id = u.id AND r.code = 'ADMINISTRATOR'))
        OR lower(u.email) = lower($1::text)
     ORDER BY u.id LIMIT 1`,
    [email ?? null],
  );
  if (!user) exitWith(email ? `No user ${email}.` : 'No administrator yet: run `migrate` first.');
  const caller = await app.get<CallerResolver>(CALLER_RESOLVER).forUser('admin', user.organizationId, user.id);
  return caller ?? exitWith(`The user ${email ?? 'administrator'} may not act (disabled?).`);
}
