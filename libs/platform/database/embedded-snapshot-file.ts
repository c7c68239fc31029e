import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleSchema } from './module-schema';
import { migrationsOf } from './platform-schema';

/**
 * What a migrated database of these modules holds, as a short hash: the module names and each migration's name and
 * code. A snapshot is used only by the exact same migrations (a changed migration makes a new snapshot).
 */
export function migrationFingerprint(manifests: ModuleSchema[]): string {
  const migrations = migrationsOf(manifests) as Array<new () => { up: () => unknown }>;
  return createHash('sha1')
    .update(manifests.map((m) => m.name).join(','))
    .update(migrations.map((m) => `${m.name}:${m.prototype.up.toString()}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
}

/** The snapshot file of a freshly migrated embedded database of these modules, in `dir`. */
export function embeddedSnapshotFile(dir: string, manifests: ModuleSchema[]): string {
  return path.resolve(dir, `${snapshotPrefix(manifests)}${migrationFingerprint(manifests)}.tar`);
}

/** Snapshots of one module set share this prefix (older ones are replaced by a new build). */
export function snapshotPrefix(manifests: ModuleSchema[]): string {
  return `${manifests.map((m) => m.name).join('+') || 'platform'}-`;
}

/** The snapshot file for these modules if one was made (by the build), else undefined. */
export function findEmbeddedSnapshot(dir: string, manifests: ModuleSchema[]): string | undefined {
  const file = embeddedSnapshotFile(dir, manifests);
  return fs.existsSync(file) ? file : undefined;
}
