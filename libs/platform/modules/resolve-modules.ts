import type { ModuleManifest } from './module-manifest';

export class ModuleResolutionError extends Error {}

/**
 * Turns the `MODULES` list into manifests, in dependency order. Fails with one line naming the problem: an unknown
 * module, or a module whose requirement is not enabled.
 */
export function resolveModules(names: string[], catalog: ModuleManifest[]): ModuleManifest[] {
  const byName = new Map(catalog.map((m) => [m.name, m]));
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length > 0) {
    throw new ModuleResolutionError(
      `Unknown module${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')} in MODULES; ` +
        `known modules: ${[...byName.keys()].join(', ')}`,
    );
  }
  const enabled = new Set(names);
  for (const name of names) {
    const missing = byName.get(name)!.requires.filter((r) => !enabled.has(r));
    if (missing.length > 0) {
      throw new ModuleResolutionError(
        `Module '${name}' requires ${missing.map((r) => `'${r}'`).join(' and ')}, which ` +
          `${missing.length > 1 ? 'are' : 'is'} not enabled (MODULES=${names.join(',')})`,
      );
    }
  }
  // Catalog order is dependency order: requirements come first.
  return catalog.filter((m) => enabled.has(m.name));
}
