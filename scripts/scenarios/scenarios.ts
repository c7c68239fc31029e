import type { Scenario } from './kit/scenario';
import { databaseRestart } from './database-restart.scenario';
import { gracefulStop } from './graceful-stop.scenario';
import { paymentsUnderKill } from './payments-under-kill.scenario';
import { redisWiped } from './redis-wiped.scenario';

/** Every scenario, in the order `--all` (and CI) runs them. A new scenario is one file plus one line here. */
export const scenarios: Scenario[] = [databaseRestart, gracefulStop, paymentsUnderKill, redisWiped];
