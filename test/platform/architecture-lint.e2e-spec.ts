import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** Runs the same dependency-cruiser check as `npm test` with one deliberately bad file added, then removes it. */
async function lintWith(file: string, source: string): Promise<{ code: number; output: string }> {
  const full = path.join(ROOT, file);
  fs.writeFileSync(full, source);
  try {
    await run(process.execPath, [path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), '--config', 'config/dependency-cruiser.cjs', file], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    return { code: 0, output: '' };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  } finally {
    fs.rmSync(full, { force: true });
  }
}

describe('architecture boundaries (dependency-cruiser)', () => {
  it.each([
    ['commerce importing crm', 'libs/commerce/arch-probe.ts', "export { crmManifest } from '../crm';", 'module-stays-in-its-lane'],
    ['crm importing integration', 'libs/crm/arch-probe.ts', "export { IntegrationModule } from '../integration/integration.module';", 'module-stays-in-its-lane'],
    ['integration importing crm internals', 'libs/integration/arch-probe.ts', "export { CrmModule } from '../crm/crm.module';", 'module-stays-in-its-lane'],
    ['platform importing a module', 'libs/platform/arch-probe.ts', "export { crmManifest } from '../crm';", 'platform-knows-no-module'],
    ['an app importing a module directly', 'apps/api/arch-probe.ts', "export { crmManifest } from '../../libs/crm';", 'apps-use-the-catalog'],
  ])('fails on %s', async (_what, file, source, rule) => {
    const { code, output } = await lintWith(file, source);
    expect(code).not.toBe(0);
    expect(output).toContain(rule);
  });

  it('allows integration to use published contracts and the platform', async () => {
    const source = "export * from '../contracts/crm';\nexport * from '../contracts/commerce';\nexport { Outbox } from '../platform';\n";
    expect(await lintWith('libs/integration/arch-probe.ts', source)).toEqual({ code: 0, output: '' });
  });
});
