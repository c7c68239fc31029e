import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { NestFactory } from '@nestjs/core';
import { reconcileTopic } from './reconcile-command';
import {
  AppModule,
  DeadLetterStore,
  MessagingRegistry,
  PlatformOptions,
  announce,
  createOAuthClient,
  createUser,
  dataSourceOptions,
  ensureFirstAdministrator,
  exitWith,
  loadProcessConfig,
  openDatabase,
  runMigrations,
} from '../../libs/platform/runtime';
import { progressReporter } from './progress-bar';
import { exportCommand, importCommand } from './import-export-commands';
import { purgeCommand } from './purge-command';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                     run the pending migrations of the platform and the enabled modules (MODULES)
  modules                     list the enabled modules and what they require
  deadletters:list [--all]    list dead-lettered jobs and event deliveries (--all: include retried ones)
  deadletters:retry <id>      queue a dead-lettered job again (the worker picks it up)
  user:create --email E --password P [--role CODE]... [--organization ID]
                              create a back-office user (default role ADMINISTRATOR, organization of the first one)
  client:create --name N --kind backoffice|storefront [--user EMAIL] [--organization ID]
                              create a confidential OAuth client for the client_credentials grant; prints its secret once
  import <type> <file> [--validate-only] [--user EMAIL]
                              import a CSV file (customers, customerusers, accounts, contacts) with a progress bar;
                              prints the summary and every row refused (--validate-only writes nothing)
  export <type> <file> [--filter 'filter[name][contains]=Acme']... [--user EMAIL]
                              export the records the list API would answer for those filters to a CSV file
  asyncoperations:purge [--days N]
                              remove the asynchronous operations (batches, imports, exports) finished more than N days
                              ago (default ASYNC_OPERATION_RETENTION_DAYS) with their errors and files, and uploads a
                              day old that no operation references, as every night

Module commands (enabled modules only):
${moduleCatalog
  .flatMap((m) => m.cliCommands)
  .map((c) => `  ${c.name.padEnd(28)}${c.description}`)
  .join('\n')}
${[...new Set(moduleCatalog.flatMap((m) => m.reconcilers.map((r) => r.topic)))]
  .map((topic) => `  ${`${topic}:reconcile`.padEnd(28)}recompute every ${topic} value from source, correct those that differ, report how many`)
  .join('\n')}

Configuration comes from the environment, as for the API (see config/.env.example).`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      organization: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      user: { type: 'string' },
      'validate-only': { type: 'boolean', default: false },
      filter: { type: 'string', multiple: true },
      days: { type: 'string' },
    },
  });
  const [command, ...args] = positionals;
  if (!command || values.help) return void process.stdout.write(`${HELP}\n`);
  const { config, configModule, manifests } = await loadProcessConfig(moduleCatalog);

  if (command === 'modules') {
    for (const m of manifests) process.stdout.write(`${m.name}${m.requires.length ? ` (requires ${m.requires.join(', ')})` : ''}\n`);
    return;
  }
  const moduleCommand = manifests.flatMap((m) => m.cliCommands).find((c) => c.name === command);
  const reconcile = /^(.+):reconcile$/.exec(command)?.[1];
  const reconcileTopicLoaded = reconcile !== undefined && manifests.some((m) => m.reconcilers.some((r) => r.topic === reconcile));
  if (!moduleCommand && !reconcileTopicLoaded && !['migrate', 'deadletters:list', 'deadletters:retry', 'user:create', 'client:create', 'import', 'export', 'asyncoperations:purge'].includes(command)) {
    exitWith(`Unknown command '${command}'.\n\n${HELP}`);
  }

  const database = await openDatabase(config, manifests).catch((error: Error) => exitWith(error.message));
  try {
    if (moduleCommand) return void (await runJobNow({ config, configModule, manifests, database }, moduleCommand.job, moduleCommand.data));
    if (reconcileTopicLoaded) return void (await reconcileTopic({ config, configModule, manifests, database }, reconcile));
    if (command === 'import' || command === 'export') {
      const [type, file] = args.length >= 2 ? args : exitWith(`${command} needs a type and a file: npm run cli -- ${command} customers ./customers.csv`);
      const user = typeof values.user === 'string' ? values.user : undefined;
      if (command === 'import') return void (await importCommand({ config, configModule, manifests, database }, type, file, values['validate-only'] === true, user));
      return void (await exportCommand({ config, configModule, manifests, database }, type, file, values.filter ?? [], user));
    }
    if (command === 'asyncoperations:purge') {
      const days = values.days === undefined ? undefined : /^\d{1,5}$/.test(values.days) ? Number(values.days) : exitWith('--days needs a whole number of days.');
      return void (await purgeCommand({ config, configModule, manifests, database }, days));
    }
    if (command === 'migrate') {
      const ran = await runMigrations(database, manifests, async (ds) =>
        announce(await ensureFirstAdministrator(ds, config.firstAdmin), { warn: (m: string) => process.stdout.write(`${m}\n`) }, config.firstAdmin.password !== undefined),
      );
      process.stdout.write(ran.length ? `Ran ${ran.length} migration(s):\n${ran.map((n) => `  ${n}\n`).join('')}` : 'Nothing to migrate.\n');
      return;
    }
    const ds = await new DataSource(dataSourceOptions(database, manifests)).initialize();
    try {
      const store = new DeadLetterStore(ds);
      if (command === 'user:create') return void (await createUserCommand(ds, values));
      if (command === 'client:create') return void (await createClientCommand(ds, values));
      if (command === 'deadletters:list') {
        const letters = await store.list({ includeRetried: values.all });
        if (letters.length === 0) process.stdout.write('No dead letters.\n');
        for (const l of letters) {
          process.stdout.write(
            `#${l.id}  ${l.failedAt}  ${l.jobName}  key=${l.jobKey}  attempts=${l.attempts}` +
              `${l.retriedAt ? `  retried=${l.retriedAt}` : ''}\n    ${l.error}\n`,
          );
        }
      } else {
        const id = args[0] ?? exitWith('deadletters:retry needs the id of a dead letter (see deadletters:list).');
        if (!(await store.retry(id))) exitWith(`No dead letter #${id} waiting for a retry.`);
        process.stdout.write(`Dead letter #${id} queued again.\n`);
      }
    } finally {
      await ds.destroy();
    }
  } finally {
    await database.close();
  }
}

type Options = Record<string, string | string[] | boolean | undefined>;

/** Runs a module's job in this process, with the whole module loaded (no HTTP, no worker loops). */
async function runJobNow(options: PlatformOptions, job: string, data: object): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(options), { logger: false });
  try {
    const started = Date.now();
    const registered = app.get(MessagingRegistry).job(job) ?? exitWith(`Job '${job}' is not loaded.`);
    const progress = progressReporter();
    try {
      await registered.processor.run(data, { attempt: 1, key: `${job}:cli`, progress: progress.update });
    } finally {
      progress.stop();
    }
    process.stdout.write(`Done in ${Date.now() - started} ms.\n`);
  } finally {
    await app.close();
  }
}

async function organizationOf(ds: DataSource, given: unknown): Promise<string> {
  const [row] = await ds.query(`SELECT id::text AS id FROM platform.organization WHERE ($1::bigint IS NULL OR id = $1::bigint) ORDER BY id LIMIT 1`, [
    typeof given === 'string' ? given : null,
  ]);
  return row?.id ?? exitWith('No such organization (run `migrate` first).');
}

async function createUserCommand(ds: DataSource, values: Options): Promise<void> {
  const email = typeof values.email === 'string' ? values.email : exitWith('user:create needs --email.');
  const password = typeof values.password === 'string' && values.password.length >= 8 ? values.password : exitWith('user:create needs --password of at least 8 characters.');
  const roleCodes = Array.isArray(values.role) && values.role.length ? values.role : ['ADMINISTRATOR'];
  const organizationId = await organizationOf(ds, values.organization);
  const id = await ds.transaction((tx) => createUser(tx, { email, password, organizationId, roleCodes })).catch((e: Error) => exitWith(`Cannot create the user: ${e.message}`));
  process.stdout.write(`User #${id} ${email} created with ${roleCodes.join(', ')}.\n`);
}

async function createClientCommand(ds: DataSource, values: Options): Promise<void> {
  const name = typeof values.name === 'string' ? values.name : exitWith('client:create needs --name.');
  const kind = values.kind === 'backoffice' || values.kind === 'storefront' ? values.kind : exitWith('client:create needs --kind backoffice or storefront.');
  const organizationId = await organizationOf(ds, values.organization);
  let userId: string | null = null;
  if (kind === 'backoffice') {
    const email = typeof values.user === 'string' ? values.user : exitWith('A back-office client acts for a user: give --user EMAIL.');
    const [user] = await ds.query(`SELECT id::text AS id FROM platform.user_account WHERE lower(email) = lower($1) AND organization_id = $2`, [email, organizationId]);
    userId = user?.id ?? exitWith(`No user ${email} in organization #${organizationId}.`);
  }
  const { clientId, clientSecret } = await createOAuthClient(ds, { name, kind, organizationId, userId });
  process.stdout.write(`client_id=${clientId}\nclient_secret=${clientSecret}\n(the secret is shown only now)\n`);
}

main().catch((error) => exitWith(error instanceof Error ? error.message : String(error)));
