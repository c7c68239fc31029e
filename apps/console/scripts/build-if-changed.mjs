// Builds the console into dist/console only when its sources (or the locked dependencies) changed since the last
// build, so that `npm start` stays fast on a warm install. `--force` always builds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const consoleRoot = join(here, '..');
const repository = join(consoleRoot, '..', '..');
const outDir = join(repository, 'dist', 'console');
const stampFile = join(outDir, '.source-hash');
const generated = join(consoleRoot, 'src', 'api', 'generated');

function* files(path) {
  if (path === generated || path.endsWith('node_modules')) return;
  if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) yield* files(join(path, name));
  else yield path;
}

function sourceHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(consoleRoot, 'src')),
    ...files(join(consoleRoot, 'scripts')),
    ...['index.html', 'package.json', 'tsconfig.json', 'vite.config.ts'].map((name) => join(consoleRoot, name)),
    join(repository, 'package-lock.json'),
  ];
  for (const file of inputs) hash.update(relative(repository, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const hash = sourceHash();
const upToDate = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash && existsSync(join(outDir, 'index.html'));
if (upToDate && !process.argv.includes('--force')) {
  console.log('Console: up to date (dist/console).');
} else {
  const started = Date.now();
  const { writeApiTypes } = await import('./write-api-types.mjs');
  await writeApiTypes();
  // Vite does not type-check: the compiler does, and a type error stops the build.
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, [join(repository, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(consoleRoot, 'tsconfig.json')], { stdio: 'inherit' });
  const { build } = await import('vite');
  await build({ root: consoleRoot, configFile: join(consoleRoot, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stampFile, hash);
  console.log(`Console: built into dist/console in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
