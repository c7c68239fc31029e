import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import {
  DeadLetterStore,
  dataSourceOptions,
  exitWith,
  loadProcessConfig,
  openDatabase,
  runMigrations,
} from '../../libs/platform';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                     run the pending migrations of the platform and the enabled modules (MODULES)
  modules                     list the enabled modules and what they require
  deadletters:list [--all]    list dead-lettered jobs and event deliveries (--all: include retried ones)
  deadletters:retry <id>      queue a dead-lettered job again (the worker picks it up)

Configuration comes from the environment, as for the API (see config/.env.example).`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { all: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  const [command, ...args] = positionals;
  if (!command || values.help) return void process.stdout.write(`${HELP}\n`);
  const { config, manifests } = loadProcessConfig(moduleCatalog);

  if (command === 'modules') {
    for (const m of manifests) process.stdout.write(`${m.name}${m.requires.length ? ` (requires ${m.requires.join(', ')})` : ''}\n`);
    return;
  }
  if (!['migrate', 'deadletters:list', 'deadletters:retry'].includes(command)) exitWith(`Unknown command '${command}'.\n\n${HELP}`);

  const database = await openDatabase(config).catch((error: Error) => exitWith(error.message));
  try {
    if (command === 'migrate') {
      const ran = await runMigrations(database, manifests);
      process.stdout.write(ran.length ? `Ran ${ran.length} migration(s):\n${ran.map((n) => `  ${n}\n`).join('')}` : 'Nothing to migrate.\n');
      return;
    }
    const ds = await new DataSource(dataSourceOptions(database, manifests)).initialize();
    try {
      const store = new DeadLetterStore(ds);
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

main().catch((error) => exitWith(error instanceof Error ? error.message : String(error)));
