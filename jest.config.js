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

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcTs],
    '^.+\\.m?js$': ['@swc/jest', swcJs],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(?:.*/node_modules/)?(?:@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|uuid|cookie|set-cookie-parser|jose)/)',
  ],
  globalSetup: '<rootDir>/test/harness/global-setup.js',
  reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
  testTimeout: 60000,
  // In CI a leaked handle must not hold the run until its time limit (locally Jest reports it instead).
  forceExit: process.env.CI === 'true',
  maxWorkers: 2,
};
