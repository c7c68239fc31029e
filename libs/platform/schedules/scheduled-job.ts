import type { Type } from '@nestjs/common';

/**
 * A job a module wants run on a calendar (Oro's cron commands), e.g. `0 4 * * *` for every day at 04:00 UTC. Exactly
 * one worker requests each run, through the outbox; a run missed while no worker was up happens once when one starts.
 */
export interface ScheduledJob {
  /** Unique name, `<module>.<what>`. */
  name: string;
  /** Five-field cron expression, evaluated in UTC. */
  cron: string;
  /** The `@JobHandler` class to run, and its data. */
  job: Type<unknown>;
  data: object;
  description: string;
}

/** What the scheduler reads of an enabled module's manifest: its calendar jobs, and the topics it reconciles nightly. */
export interface ScheduledModule {
  schedules: ScheduledJob[];
  reconcilers: Array<{ topic: string }>;
}
