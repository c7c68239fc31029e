import 'reflect-metadata';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { exitWith, loadProcessConfig, writeEmbeddedSnapshot } from '../../libs/platform/runtime';

/**
 * Run by `npm run build`: a migrated snapshot of an empty embedded database for the enabled modules (MODULES), which a
 * first start on a new DATA_DIR loads instead of running initdb and every migration. Made only when the migrations
 * changed; nothing to do for PostgreSQL installations, which keep their own database.
 */
async function main(): Promise<void> {
  const { config, manifests } = await loadProcessConfig(moduleCatalog);
  if (!config.embedded) return;
  const started = Date.now();
  const { file, made } = await writeEmbeddedSnapshot(config.embeddedSnapshotDir, manifests);
  if (made) process.stdout.write(`Embedded database: migrated snapshot written to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

main().catch((error: Error) => exitWith(`Embedded database snapshot failed: ${error.stack ?? error.message}`));
