import { DataSource } from 'typeorm';
import { DeadLetterStore } from '../../libs/platform';
import { cliDatabase } from '../harness/cli-database';
import { expectedMigrations } from '../harness/expected-migrations';
import { spawnEntry } from '../harness/spawn-process';

async function cli(env: Record<string, string | undefined>, ...args: string[]) {
  const run = spawnEntry('apps/cli/main.ts', { LOG_LEVEL: 'silent', REDIS_URL: undefined, ...env }, args);
  return { code: await run.exited, output: run.output() };
}

describe('cli', () => {
  it('migrates only the enabled modules, then lists and retries dead letters', async () => {
    const db = await cliDatabase();
    try {
      const migrate = await cli({ ...db.env, MODULES: 'crm' }, 'migrate');
      expect(migrate.code).toBe(0);
      const ran = expectedMigrations(['crm']);
      expect(migrate.output).toContain(`Ran ${ran.length} migration(s):\n${ran.map((name) => `  ${name}\n`).join('')}`);
      expect((await cli({ ...db.env, MODULES: 'crm' }, 'migrate')).output).toContain('Nothing to migrate.');
      const recalculated = await cli({ ...db.env, MODULES: 'crm' }, 'crm:lifetime:recalculate');
      expect(recalculated).toEqual({ code: 0, output: expect.stringMatching(/^Done in \d+ ms\.\n$/) });
      expect((await cli({ ...db.env, MODULES: 'commerce' }, 'crm:lifetime:recalculate')).code).toBe(1);

      const handle = await db.open();
      const ds = await new DataSource({ type: 'postgres', url: handle.url, extra: { max: 1 } }).initialize();
      await new DeadLetterStore(ds).record(
        { queue: 'crm', name: 'crm.recalculate', key: 'crm.recalculate:42', data: { accountId: '42' }, attempt: 5, maxAttempts: 5 },
        new Error('boom'),
      );
      await ds.destroy();
      if (handle.embedded) await handle.close();

      const list = await cli({ ...db.env, MODULES: 'crm' }, 'deadletters:list');
      expect(list.code).toBe(0);
      expect(list.output).toMatch(/#1 {2}\S+ {2}crm\.recalculate {2}key=crm\.recalculate:42 {2}attempts=5\n {4}Error: boom/);

      const retry = await cli({ ...db.env, MODULES: 'crm' }, 'deadletters:retry', '1');
      expect(retry).toEqual({ code: 0, output: 'Dead letter #1 queued again.\n' });
      const again = await cli({ ...db.env, MODULES: 'crm' }, 'deadletters:retry', '1');
      expect(again).toEqual({ code: 1, output: 'No dead letter #1 waiting for a retry.\n' });
      expect((await cli({ ...db.env, MODULES: 'crm' }, 'deadletters:list')).output).toBe('No dead letters.\n');
    } finally {
      await db.dispose();
    }
  }, 180_000); // several CLI processes, each starting the application

  it('refuses an unknown command with the usage text', async () => {
    const run = await cli({ MODULES: 'crm', DATABASE_URL: undefined }, 'frobnicate');
    expect(run.code).toBe(1);
    expect(run.output).toContain("Unknown command 'frobnicate'");
    expect(run.output).toContain('deadletters:retry <id>');
  });
});
