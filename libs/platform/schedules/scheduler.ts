import { Inject, Injectable, Logger } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox } from '../messaging/outbox';
import { MODULE_MANIFESTS, PLATFORM_SCHEDULES } from '../config/module.tokens';
import { ReconcileJob } from '../reconciliation/reconcile.job';
import type { ScheduledJob, ScheduledModule } from './scheduled-job';

const TICK_MS = 15_000;

/** Every night at 03:30 UTC: before the modules' 04:00 work (CRM's averages read the values it repairs). */
const RECONCILE_CRON = '30 3 * * *';

/**
 * Requests the enabled modules' scheduled jobs (and the platform's own) when they are due. Any number of workers may run it: a run is claimed by
 * moving `next_run_at` forward in the same transaction that writes the job request, so only one worker wins it.
 */
@Injectable()
export class Scheduler {
  private readonly logger = new Logger('Scheduler');
  private readonly jobs: ScheduledJob[];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    @Inject(MODULE_MANIFESTS) manifests: ScheduledModule[],
    @Inject(PLATFORM_SCHEDULES) platformSchedules: ScheduledJob[],
  ) {
    const topics = [...new Set(manifests.flatMap((m) => m.reconcilers.map((r) => r.topic)))];
    this.jobs = [
      ...manifests.flatMap((m) => m.schedules),
      ...topics.map((topic) => ({
        name: `platform.reconcile.${topic}`,
        cron: RECONCILE_CRON,
        job: ReconcileJob,
        data: { topic },
        description: `every night: recompute the ${topic} values from source and correct those that differ`,
      })),
      ...platformSchedules,
    ];
  }

  start(): void {
    if (this.timer || this.jobs.length === 0) return;
    const tick = () => this.runDue().catch((error) => this.logger.error(`Scheduling failed: ${error}`));
    void tick();
    this.timer = setInterval(tick, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Requests every job due at `now`; returns the names of those it requested. */
  async runDue(now = new Date()): Promise<string[]> {
    const requested: string[] = [];
    for (const job of this.jobs) {
      const claimed = await this.tx.run(async (db) => {
        // First sight of a schedule: its first run is the next matching time.
        await db.query(`INSERT INTO platform.schedule (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [job.name, nextRun(job, now)]);
        // (A bare UPDATE … RETURNING answers [rows, count] through TypeORM; the CTE answers rows.)
        const rows = await db.query(
          `WITH claimed AS (
             UPDATE platform.schedule SET next_run_at = $2, last_run_at = $3 WHERE name = $1 AND next_run_at <= $3 RETURNING name
           ) SELECT name FROM claimed`,
          [job.name, nextRun(job, now), now],
        );
        if (rows.length > 0) await this.outbox.schedule(job.job, job.data);
        return rows.length > 0;
      });
      if (claimed) requested.push(job.name);
    }
    return requested;
  }
}

function nextRun(job: ScheduledJob, after: Date): Date {
  return CronExpressionParser.parse(job.cron, { currentDate: after, tz: 'UTC' }).next().toDate();
}
