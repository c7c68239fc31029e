import type { ScenarioKit } from './scenario-kit';

/** How big a run is: CI's small one (default) or the full one of the targets. */
export type Scale = 'ci' | 'full';

/** A reliability scenario: one file under `scripts/scenarios/`, registered in `scenarios.ts`. */
export interface Scenario {
  name: string;
  /** One line for `npm run scenario -- --list`. */
  description: string;
  run(kit: ScenarioKit, scale: Scale): Promise<void>;
}

/** Thrown by `expectThat` (and by the kit's helpers): the scenario fails with this reason. */
export class ScenarioFailure extends Error {}

export function expectThat(condition: unknown, why: string): asserts condition {
  if (!condition) throw new ScenarioFailure(why);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `ok` holds (returns the value) or fails with `why` after `timeoutMs`. */
export async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, why: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new ScenarioFailure(`${why} (waited ${timeoutMs} ms)`);
    await sleep(everyMs);
  }
}
