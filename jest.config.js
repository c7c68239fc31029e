// Jest runs TypeScript through swc (fast, keeps decorator metadata). The @nestjs 12 packages and a few of their
// dependencies are ESM-only, so they are transformed to CommonJS too (allow-list below).
const swcTs = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
const swcJs = { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } };

// Tests whose outcome does not depend on the database or queue under test (the boundaries lint, the embedded API
// process and database, pure unit specs): the run against real services (TEST_DATABASE_URL / DATABASE_URL set) leaves
// them to the embedded run, which always runs everything.
const MODE_INDEPENDENT = [
  '<rootDir>/libs/',
  '<rootDir>/apps/console/',
  '<rootDir>/test/platform/architecture-lint',
  '<rootDir>/test/platform/processes',
  '<rootDir>/test/platform/embedded-database',
];
const againstServices = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(againstServices ? MODE_INDEPENDENT : [])],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcTs],
    '^.+\\.m?js$': ['@swc/jest', swcJs],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(?:.*/node_modules/)?(?:@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|uuid|cookie|set-cookie-parser|jose)/)',
  ],
  // Hands V8's code for a module back to it when the next test file of the worker compiles the same source.
  runtime: '<rootDir>/test/harness/code-cache-runtime.js',
  globalSetup: '<rootDir>/test/harness/global-setup.js',
  globalTeardown: '<rootDir>/test/harness/global-teardown.js',
  testSequencer: '<rootDir>/test/harness/slow-first-sequencer.js',
  reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
  testTimeout: 60000,
  // In CI a leaked handle must not hold the run until its time limit (locally Jest reports it instead).
  forceExit: process.env.CI === 'true',
  maxWorkers: 2,
};
