import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** Runs the same dependency-cruiser check as `npm test` on deliberately added files, then removes them. */
async function lintWith(files: Record<string, string>): Promise<{ code: number; output: string }> {
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
  }
}

const VIOLATIONS: Array<[what: string, file: string, source: string, rule: string]> = [
  ['commerce importing crm', 'libs/commerce/arch-probe.ts', "export { crmManifest } from '../crm';", 'module-stays-in-its-lane'],
  ['crm importing integration', 'libs/crm/arch-probe.ts', "export { IntegrationModule } from '../integration/integration.module';", 'module-stays-in-its-lane'],
  ['integration importing crm internals', 'libs/integration/arch-probe.ts', "export { CrmModule } from '../crm/crm.module';", 'module-stays-in-its-lane'],
  ['platform importing a module', 'libs/platform/arch-probe.ts', "export { crmManifest } from '../crm';", 'platform-knows-no-module'],
  ['an app importing a module directly', 'apps/api/arch-probe.ts', "export { crmManifest } from '../../libs/crm';", 'apps-use-the-catalog'],
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

  it('allows integration to use published contracts and the platform', async () => {
    const source = "export * from '../contracts/crm';\nexport * from '../contracts/commerce';\nexport { Outbox } from '../platform';\n";
    expect(await lintWith({ 'libs/integration/arch-probe.ts': source })).toEqual({ code: 0, output: '' });
  });
});
