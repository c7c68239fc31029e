import type { Scenario } from './kit/scenario';
import { databaseRestart } from './database-restart.scenario';
import { gracefulStop } from './graceful-stop.scenario';

/** Every scenario, in the order `--all` (and CI) runs them. A new scenario is one file plus one line here. */
export const scenarios: Scenario[] = [databaseRestart, gracefulStop];
