/**
 * The architecture's boundaries (see README "Architecture"), checked by `npm test`:
 * modules talk only through libs/contracts and the platform's buses; the platform knows no module.
 */
const MODULES = '(crm|commerce|integration)';

const { CONTRACTS_USED } = require('./module-contracts.cjs');

/**
 * The platform's layers, lowest first (libs/platform/README.md "Layers"). A folder imports its own files and the
 * folders of lower layers, never a folder of its own layer or of a higher one; `platform.module.ts` wires them all and
 * only `app` (the entry points' code) is above it. The barrels (`index.ts`, `runtime.ts`) are exits: nothing inside
 * imports them.
 */
const PLATFORM_LAYERS = [
  ['errors', 'config', 'metrics'],
  ['logging', 'database'],
  ['jobs'],
  ['messaging', 'reconciliation'],
  ['json-api', 'schedules'],
  ['identity', 'async-operations', 'mail', 'dead-letters'],
  ['settings', 'import-export', 'worker'],
  ['money', 'modules'],
  ['http', 'openapi'],
  ['platform.module.ts'],
  ['app'],
];
const PLATFORM_BARRELS = '^libs/platform/(index|runtime)\\.ts$';
/** A layer entry is a folder, or a file at the platform's root. */
const platformPath = (entry) => (entry.endsWith('.ts') ? `^libs/platform/${entry.replace(/\./g, '\\.')}$` : `^libs/platform/${entry}/`);
const layerRules = PLATFORM_LAYERS.flatMap((layer, index) =>
  layer.map((entry) => {
    const above = PLATFORM_LAYERS.slice(index).flat().filter((other) => other !== entry);
    return {
      name: 'platform-layer-imports-only-downwards',
      severity: 'error',
      comment:
        `libs/platform/${entry} is in layer ${index} (${layer.join(', ')}): it imports only lower layers. ` +
        'Move the shared piece down, or let the higher layer hand it over (a token, a registration).',
      from: { path: platformPath(entry) },
      to: { path: [...above.map(platformPath), PLATFORM_BARRELS] },
    };
  }),
);

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
    ...Object.entries(CONTRACTS_USED).map(([module, allowed]) => ({
      name: 'module-uses-contracts-it-requires',
      severity: 'error',
      comment: `${module} uses only the contracts of the modules it requires (${allowed.join(', ')}): others may not be loaded.`,
      from: { path: `^libs/${module}/` },
      to: { path: '^libs/contracts/', pathNot: allowed.map((name) => `^libs/contracts/${name}/`) },
    })),
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'The shared kernel holds no business logic and imports no module, contract or catalog.',
      from: { path: '^libs/platform/', pathNot: '\\.spec\\.ts$' },
      to: { path: ['^libs/(crm|commerce|integration|contracts|catalog)/', `^migrations/${MODULES}/`, '^apps/', '^test/'] },
    },
    ...layerRules,
    {
      name: 'platform-folder-has-a-layer',
      severity: 'error',
      comment: 'Every folder of the platform is placed in PLATFORM_LAYERS (config/dependency-cruiser.cjs), so its imports are checked.',
      from: { path: '^libs/platform/', pathNot: [...PLATFORM_LAYERS.flat().map(platformPath), PLATFORM_BARRELS] },
      to: {},
    },
    {
      name: 'modules-use-the-public-barrel',
      severity: 'error',
      comment:
        'Modules, contracts and the catalog use the platform through libs/platform/index.ts only; libs/platform/runtime.ts ' +
        '(relay, worker, migrations, HTTP app) and the files behind the barrels are for the apps and tests.',
      from: { path: `^libs/(${MODULES.slice(1, -1)}|contracts|catalog)/` },
      to: { path: '^libs/platform/', pathNot: '^libs/platform/index\\.ts$' },
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
      // The console's API types are generated by its build (from the OpenAPI document), so a clean clone has none yet.
      to: { couldNotResolve: true, pathNot: '^\\./generated/openapi$' },
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
