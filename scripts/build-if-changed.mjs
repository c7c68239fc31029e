// `npm run build` (and `npm start`, which runs this file itself rather than a second npm): compiles the API, worker and
// CLI only when their sources (or the locked dependencies, or the compiler settings) changed since the last build, then
// makes the embedded database's migrated snapshot for MODULES when it is not there yet, then builds the console if its
// sources changed (its own script, in this process). Nothing changed: no compiler run at all (about 50 ms instead of
// 4-5 s of an incremental tsc, which still reads and checks every file). `--force` always compiles both.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(repository, 'dist', '.source-hash');
const skipped = new Set([join(repository, 'apps', 'console'), join(repository, 'node_modules')]);

function* sources(path) {
  if (skipped.has(path)) return;
  if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) yield* sources(join(path, name));
  else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) yield path;
}

function sourceHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...['apps', 'libs', 'migrations'].flatMap((folder) => [...sources(join(repository, folder))]),
    join(repository, 'tsconfig.json'),
    join(repository, 'package-lock.json'),
  ];
  for (const file of inputs) hash.update(relative(repository, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const started = Date.now();
const hash = sourceHash();
// The snapshot depends on the enabled modules and on whether the database is embedded, not only on the sources.
const stamp = `${hash}|${process.env.MODULES ?? ''}|${process.env.DATABASE_URL ? 'postgresql' : 'embedded'}`;
const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
const built = existsSync(join(repository, 'dist', 'apps', 'api', 'main.js'));
const force = process.argv.includes('--force');
if (previous === stamp && built && !force) {
  console.log(`API: up to date (dist, ${Date.now() - started} ms).`);
} else {
  if (previous.split('|')[0] !== hash || !built || force) {
    // Incremental: only what changed since dist/.tsbuildinfo is compiled again.
    execFileSync(process.execPath, [join(repository, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repository, 'tsconfig.json')], { stdio: 'inherit' });
    console.log(`API: compiled into dist in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  execFileSync(process.execPath, [join(repository, 'dist', 'apps', 'cli', 'embedded-snapshot.js')], { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'warn' } });
  writeFileSync(stampFile, stamp);
}

// The console's build-if-changed script runs on import (it reads --force from this process's arguments).
await import('../apps/console/scripts/build-if-changed.mjs');
