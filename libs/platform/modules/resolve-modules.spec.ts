import { defineModule } from './module-manifest';
import { ModuleResolutionError, resolveModules } from './resolve-modules';

const manifest = (name: string, requires: string[] = []) =>
  defineModule({ name, requires, migrationsDir: `migrations/${name}`, migrations: [] });
const catalog = [manifest('crm'), manifest('commerce'), manifest('integration', ['crm', 'commerce'])];

describe('resolveModules', () => {
  it('returns the enabled manifests in catalog (dependency) order', () => {
    expect(resolveModules(['integration', 'commerce', 'crm'], catalog).map((m) => m.name)).toEqual([
      'crm',
      'commerce',
      'integration',
    ]);
    expect(resolveModules(['commerce'], catalog).map((m) => m.name)).toEqual(['commerce']);
  });

  it('names every missing requirement', () => {
    expect(() => resolveModules(['integration'], catalog)).toThrow(
      new ModuleResolutionError(
        "Module 'integration' requires 'crm' and 'commerce', which are not enabled (MODULES=integration)",
      ),
    );
    expect(() => resolveModules(['crm', 'integration'], catalog)).toThrow(
      "Module 'integration' requires 'commerce', which is not enabled (MODULES=crm,integration)",
    );
  });

  it('names unknown modules and lists the known ones', () => {
    expect(() => resolveModules(['crm', 'erp', 'pim'], catalog)).toThrow(
      "Unknown modules 'erp', 'pim' in MODULES; known modules: crm, commerce, integration",
    );
  });
});
