import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { findCrossSchemaSql, productSources, schemasOf } from '../../scripts/lint/cross-schema-sql';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** Runs the same dependency-cruiser check as `npm test` on deliberately added files, then removes them. */
async function lintWith(files: Record<string, string>): Promise<{ code: number; output: string }> {
  const folders = Object.keys(files).map((file) => path.join(ROOT, path.dirname(file))).filter((folder) => !fs.existsSync(folder));
  for (const folder of folders) fs.mkdirSync(folder, { recursive: true });
  for (const [file, source] of Object.entries(files)) fs.writeFileSync(path.join(ROOT, file), source);
  try {
    const cli = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
    await run(process.execPath, [cli, '--config', 'config/dependency-cruiser.cjs', ...Object.keys(files)], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } });
    return { code: 0, output: '' };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  } finally {
    for (const file of Object.keys(files)) fs.rmSync(path.join(ROOT, file), { force: true });
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  }
}

const VIOLATIONS: Array<[what: string, file: string, source: string, rule: string]> = [
  ['commerce importing crm', 'libs/commerce/arch-probe.ts', "export { crmManifest } from '../crm';", 'module-stays-in-its-lane'],
  ['crm importing integration', 'libs/crm/arch-probe.ts', "export { integrationManifest } from '../integration/integration.manifest';", 'module-stays-in-its-lane'],
  ['integration importing crm internals', 'libs/integration/arch-probe.ts', "export { crmManifest } from '../crm/crm.manifest';", 'module-stays-in-its-lane'],
  ['crm importing commerce contracts', 'libs/crm/arch-probe-contracts.ts', "export * from '../contracts/commerce';", 'module-uses-contracts-it-requires'],
  ['commerce importing crm contracts', 'libs/commerce/arch-probe-contracts.ts', "export * from '../contracts/crm';", 'module-uses-contracts-it-requires'],
  ['platform importing a module', 'libs/platform/arch-probe.ts', "export { crmManifest } from '../crm';", 'platform-knows-no-module'],
  ['an app importing a module directly', 'apps/api/arch-probe.ts', "export { crmManifest } from '../../libs/crm';", 'apps-use-the-catalog'],
  ['a lower platform layer importing a higher one', 'libs/platform/database/arch-probe.ts', "export { ResourceRegistry } from '../json-api/resource-registry';", 'platform-layer-imports-only-downwards'],
  ['a platform folder importing one of its own layer', 'libs/platform/messaging/arch-probe.ts', "export { Reconciliation } from '../reconciliation/reconciliation';", 'platform-layer-imports-only-downwards'],
  ['a platform folder importing a barrel', 'libs/platform/settings/arch-probe.ts', "export { Outbox } from '../index';", 'platform-layer-imports-only-downwards'],
  ['a platform folder without a layer', 'libs/platform/arch-probe/probe.ts', "export { Constraint } from '../errors/constraint';", 'platform-folder-has-a-layer'],
  ['a module importing the runtime barrel', 'libs/crm/arch-probe-runtime.ts', "export { OutboxRelay } from '../platform/runtime';", 'modules-use-the-public-barrel'],
  ['a module importing behind the public barrel', 'libs/commerce/arch-probe-deep.ts', "export { Outbox } from '../platform/messaging/outbox';", 'modules-use-the-public-barrel'],
];

describe('architecture boundaries (dependency-cruiser)', () => {
  let result: { code: number; output: string };
  beforeAll(async () => {
    // One run over every deliberate violation: each must be reported under its rule.
    result = await lintWith(Object.fromEntries(VIOLATIONS.map(([, file, source]) => [file, source])));
  });

  it.each(VIOLATIONS)('fails on %s', (_what, file, _source, rule) => {
    expect(result.code).not.toBe(0);
    const reported = result.output.split('\n').some((line) => line.includes(rule) && line.includes(file));
    expect(reported).toBe(true);
  });

  it('lets each module use exactly the contracts of itself and of the modules its manifest requires', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CONTRACTS_USED } = require('../../config/module-contracts.cjs');
    const fromManifests = Object.fromEntries(moduleCatalog.map((m) => [m.name, [m.name, ...m.requires].sort()]));
    const fromConfig = Object.fromEntries(Object.entries(CONTRACTS_USED as Record<string, string[]>).map(([name, used]) => [name, [...used].sort()]));
    expect(fromConfig).toEqual(fromManifests);
  });

  it('lets a platform folder import lower layers, an app both barrels, and integration the contracts and the platform', async () => {
    // One run over every allowed import: a violation by any of them fails it.
    const files = {
      'libs/platform/settings/arch-probe.ts': "export { Outbox } from '../messaging/outbox';\nexport { Directory } from '../identity/directory';\n",
      'apps/api/arch-probe.ts': "export { Outbox } from '../../libs/platform';\nexport { OutboxRelay } from '../../libs/platform/runtime';\n",
      'libs/integration/arch-probe.ts': "export * from '../contracts/crm';\nexport * from '../contracts/commerce';\nexport { Outbox } from '../platform';\n",
    };
    expect(await lintWith(files)).toEqual({ code: 0, output: '' });
  });
});

describe('SQL schema boundaries (npm run lint:sql)', () => {
  const schemas = schemasOf(ROOT);

  it('finds no SQL naming another module’s schema in the product', () => {
    expect(findCrossSchemaSql(productSources(ROOT), schemas)).toEqual([]);
  });

  it('fails on a module reading another schema’s table, in a string or a template', () => {
    const files = [
      { file: 'libs/crm/probe.ts', text: "const q = 'SELECT 1 FROM platform.user_account WHERE id = $1';" },
      { file: 'libs/integration/probe.ts', text: 'const q = `SELECT c.id FROM integration.link l JOIN commerce.customer c ON c.id = l.customer_id ${where}`;' },
      { file: 'migrations/commerce/probe.ts', text: "q.query('UPDATE crm.account SET name = name');" },
    ];
    expect(findCrossSchemaSql(files, schemas)).toEqual([
      { file: 'libs/crm/probe.ts', line: 1, reference: 'platform.user_account' },
      { file: 'libs/integration/probe.ts', line: 1, reference: 'commerce.customer' },
      { file: 'migrations/commerce/probe.ts', line: 1, reference: 'crm.account' },
    ]);
  });

  it('allows a module its own schema, its migrations the platform’s, and names that are not SQL', () => {
    const files = [
      { file: 'libs/crm/probe.ts', text: "const q = 'SELECT id FROM crm.account';" },
      { file: 'migrations/commerce/probe.ts', text: "q.query('INSERT INTO commerce.customer_group SELECT id FROM platform.organization');" },
      { file: 'libs/integration/probe.ts', text: "export const IDENTITY = 'commerce.customer';" },
    ];
    expect(findCrossSchemaSql(files, schemas)).toEqual([]);
  });

  it('runs as a command that fails on a violation', async () => {
    const probe = 'libs/crm/sql-probe.ts';
    fs.writeFileSync(path.join(ROOT, probe), "export const q = 'SELECT rate FROM platform.currency_rate';\n");
    try {
      const outcome = await run(process.execPath, ['-r', './test/harness/ts-register.cjs', 'scripts/lint/cross-schema-sql.ts'], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toContain(`${probe}:1: SQL names another schema's table: platform.currency_rate`);
    } finally {
      fs.rmSync(path.join(ROOT, probe), { force: true });
    }
  });
});
