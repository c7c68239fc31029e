/**
 * The architecture's boundaries (see README "Architecture"), checked by `npm test`:
 * modules talk only through libs/contracts and the platform's buses; the platform knows no module.
 */
const MODULES = '(crm|commerce|integration)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular imports hide a missing boundary; split the shared piece out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-stays-in-its-lane',
      severity: 'error',
      comment:
        'A module imports only itself, its own migrations, the platform and published contracts. ' +
        'crm and commerce never see each other or integration; integration sees them only through libs/contracts.',
      from: { path: `^libs/${MODULES}/` },
      to: {
        path: '^(libs|migrations|apps|test)/',
        pathNot: ['^libs/$1/', '^migrations/$1/', '^libs/platform/', '^libs/contracts/'],
      },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'The shared kernel holds no business logic and imports no module, contract or catalog.',
      from: { path: '^libs/platform/', pathNot: '\\.spec\\.ts$' },
      to: { path: ['^libs/(crm|commerce|integration|contracts|catalog)/', `^migrations/${MODULES}/`, '^apps/', '^test/'] },
    },
    {
      name: 'contracts-are-leaves',
      severity: 'error',
      comment: 'Contracts are plain classes: they may use the platform, never a module.',
      from: { path: '^libs/contracts/' },
      to: { path: [`^libs/${MODULES}/`, '^libs/catalog/', '^migrations/', '^apps/', '^test/'] },
    },
    {
      name: 'apps-use-the-catalog',
      severity: 'error',
      comment: 'Entry points reach modules through libs/catalog (the list of enabled modules), never directly.',
      from: { path: '^apps/' },
      to: { path: [`^libs/${MODULES}/`, '^test/'] },
    },
    {
      name: 'migrations-stay-in-their-module',
      severity: 'error',
      comment: 'A module migration touches only its own schema and imports nothing of other modules.',
      from: { path: `^migrations/${MODULES}/` },
      to: { path: '^(libs|apps|test)/|^migrations/', pathNot: ['^migrations/$1/'] },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      // Unit specs next to the code are test code themselves: they may use the test harness.
      from: { path: '^(apps|libs|migrations)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|var|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.spec.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
