// `npm run scenario -- <name> [--scale ci|full]`, `npm run scenario -- --list`, `npm run scenarios:ci` (all of them at
// CI scale, one after the other). Each scenario ends with `scenario <name>: PASS` or `scenario <name>: FAIL: <why>`.
import 'reflect-metadata';
import { Scale, ScenarioFailure } from './kit/scenario';
import { ScenarioKit } from './kit/scenario-kit';
import { scenarios } from './scenarios';

const DEFAULT_PORT_BASE = 20100;

function parseArgs(argv: string[]): { names: string[]; scale: Scale; list: boolean; all: boolean } {
  const names: string[] = [];
  let scale: Scale = 'ci';
  let list = false;
  let all = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--scale') {
      const value = argv[++i];
      if (value !== 'ci' && value !== 'full') throw new Error(`--scale must be ci or full, not ${value}`);
      scale = value;
    } else if (arg === '--list') list = true;
    else if (arg === '--all') all = true;
    else names.push(arg);
  }
  return { names, scale, list, all };
}

async function runOne(name: string, scale: Scale, portBase: number): Promise<boolean> {
  const scenario = scenarios.find((s) => s.name === name);
  if (!scenario) {
    console.log(`scenario ${name}: FAIL: no such scenario (known: ${scenarios.map((s) => s.name).join(', ')})`);
    return false;
  }
  const kit = new ScenarioKit(portBase);
  const interrupted = () => void kit.cleanup().then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const started = Date.now();
  let failure: string | undefined;
  try {
    console.log(`scenario ${name} (scale ${scale}): ${scenario.description}`);
    await scenario.run(kit, scale);
  } catch (error) {
    failure = error instanceof ScenarioFailure ? error.message : `unexpected error: ${error instanceof Error ? error.stack : String(error)}`;
    console.log(kit.logs());
  } finally {
    await kit.cleanup();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(failure ? `scenario ${name}: FAIL: ${failure}` : `scenario ${name}: PASS (${seconds} s)`);
  return !failure;
}

async function main(): Promise<void> {
  const { names, scale, list, all } = parseArgs(process.argv.slice(2));
  if (list || (names.length === 0 && !all)) {
    for (const s of scenarios) console.log(`${s.name.padEnd(24)} ${s.description}`);
    if (!list) console.log('\nusage: npm run scenario -- <name>… [--scale ci|full] | --all | --list');
    process.exit(list ? 0 : 2);
  }
  const portBase = Number(process.env.SCENARIO_PORT_BASE ?? DEFAULT_PORT_BASE);
  let passed = 0;
  let failed = 0;
  for (const name of all ? scenarios.map((s) => s.name) : names) {
    if (await runOne(name, scale, portBase)) passed++;
    else failed++;
  }
  if (all || names.length > 1) console.log(`scenarios: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

void main().catch((error) => {
  console.log(`scenario: FAIL: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
