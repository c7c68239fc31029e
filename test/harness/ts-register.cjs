// Lets a child process run the TypeScript entry points directly (`node -r ./test/harness/ts-register.cjs x.ts`), so
// process-level tests need no build step. swc only strips types; decorator metadata is kept as in the build.
//
// The tests start many such processes, each loading some 400 files: the output is kept on disk, keyed by the source,
// its path (the inline source map names it) and the swc options and version, so only a changed file is transformed
// again (and swc itself is loaded only then).
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const OPTIONS = {
  sourceMaps: 'inline',
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
const CACHE_DIR = path.resolve(__dirname, '../../node_modules/.cache/ts-register');
const SALT = JSON.stringify(OPTIONS) + require('@swc/core/package.json').version;

function transform(source, filename) {
  const key = crypto.createHash('sha256').update(SALT).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not transformed yet
  }
  const { code } = require('@swc/core').transformSync(source, { filename, ...OPTIONS });
  try {
    // Written aside and renamed: processes started in parallel never read a half-written file.
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${cached}.${process.pid}`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
  } catch {
    // a read-only or full disk only costs the next process the transform
  }
  return code;
}

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  module._compile(transform(fs.readFileSync(filename, 'utf8'), filename), filename);
};
