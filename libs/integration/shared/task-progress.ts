import { z } from 'zod';
import type { Queryable } from '../../platform';

/** The module's long background tasks whose progress the `integration` settings show. */
export type IntegrationTask = 'linkExistingCustomers' | 'reassignCustomerAccounts';
export const INTEGRATION_TASKS: IntegrationTask[] = ['linkExistingCustomers', 'reassignCustomerAccounts'];

/** A task's progress as the settings show it (null: it never ran for the organization). */
export const taskProgressSchema = z
  .object({
    state: z.enum(['running', 'finished']),
    done: z.number().int(),
    total: z.number().int(),
    startedAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
    customersPerSecond: z.number().int(),
  })
  .nullable();
export type TaskProgressView = z.infer<typeof taskProgressSchema>;

/**
 * Progress rows (`integration.task_progress`), written in the tasks' own batch transactions, so a batch that rolls back
 * (a killed worker) takes its progress with it.
 */
export const taskProgress = {
  /** Starts (or starts over) a task for these organizations with their totals. */
  async start(db: Queryable, task: IntegrationTask, totals: Array<{ organizationId: string; count: number }>): Promise<void> {
    if (totals.length === 0) return;
    await db.query(
      `INSERT INTO integration.task_progress (organization_id, task, total)
       SELECT o, $1, t FROM unnest($2::bigint[], $3::bigint[]) v(o, t)
       ON CONFLICT (organization_id, task) DO UPDATE
         SET done = 0, total = excluded.total, after_customer_id = 0, started_at = now(), updated_at = now(), finished_at = NULL`,
      [task, totals.map((t) => t.organizationId), totals.map((t) => t.count)],
    );
  },

  /** Counts customers handled per organization (a total grows with customers created meanwhile, or a new organization). */
  async advance(db: Queryable, task: IntegrationTask, done: Map<string, number>, afterCustomerId?: string): Promise<void> {
    if (done.size === 0) return;
    await db.query(
      `INSERT INTO integration.task_progress AS p (organization_id, task, done, total, after_customer_id)
       SELECT o, $1, n, n, coalesce($4::bigint, 0) FROM unnest($2::bigint[], $3::bigint[]) v(o, n)
       ON CONFLICT (organization_id, task) DO UPDATE
         SET done = p.done + excluded.done, total = greatest(p.total, p.done + excluded.done), updated_at = now(),
             after_customer_id = coalesce($4::bigint, p.after_customer_id)`,
      [task, [...done.keys()], [...done.values()], afterCustomerId ?? null],
    );
  },

  /** Marks the task finished (every organization's when `organizationId` is null). */
  async finish(db: Queryable, task: IntegrationTask, organizationId: string | null): Promise<void> {
    await db.query(
      `UPDATE integration.task_progress SET finished_at = now(), updated_at = now(), total = done
       WHERE task = $1 AND finished_at IS NULL AND ($2::bigint IS NULL OR organization_id = $2)`,
      [task, organizationId],
    );
  },

  /** Every task's progress in an organization, as the settings show it. */
  async read(db: Queryable, organizationId: string): Promise<Record<IntegrationTask, TaskProgressView>> {
    const rows: Array<{ task: IntegrationTask } & NonNullable<TaskProgressView>> = await db.query(
      `SELECT task, CASE WHEN finished_at IS NULL THEN 'running' ELSE 'finished' END AS state, done::int AS done, total::int AS total,
              to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startedAt",
              to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt",
              to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "finishedAt",
              round(done / greatest(extract(epoch FROM updated_at - started_at), 0.001))::int AS "customersPerSecond"
       FROM integration.task_progress WHERE organization_id = $1`,
      [organizationId],
    );
    const views = Object.fromEntries(INTEGRATION_TASKS.map((task) => [task, null])) as Record<IntegrationTask, TaskProgressView>;
    for (const { task, ...view } of rows) views[task] = view;
    return views;
  },
};
