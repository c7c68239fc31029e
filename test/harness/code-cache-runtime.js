// Each test file gets its own module registry, so a Jest worker compiles the same modules (Nest, TypeORM, PGlite, the
// application: some 2,000 files) again for every test file it runs. Jest's runtime compiles them with
// `vm.compileFunction`; here the code V8 produced for a file the first time is handed back to it when the same source
// is compiled again in this worker. Held in memory only, per worker; the rest is Jest's own runtime.
const vm = require('node:vm');

const compileFunction = vm.compileFunction;
/** filename → the source compiled and V8's code for it. */
const codeCache = new Map();

vm.compileFunction = function compileWithCodeCache(code, params, options) {
  // A function rebuilt from cached code loses Jest's `import()` callback: modules that import dynamically are compiled.
  if (!options?.filename || options.cachedData || options.produceCachedData || code.includes('import(')) return compileFunction.call(this, code, params, options);
  const cached = codeCache.get(options.filename);
  const cachedData = cached?.code === code ? cached.data : undefined;
  const compiled = compileFunction.call(this, code, params, cachedData ? { ...options, cachedData } : { ...options, produceCachedData: true });
  if (compiled.cachedDataProduced) codeCache.set(options.filename, { code, data: compiled.cachedData });
  return compiled;
};

module.exports = require('jest-runtime');
