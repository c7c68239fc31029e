import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

export interface JobOptions<D = any> {
  /** Unique job name ("<module>.<what it does>"). */
  name: string;
  /** Jobs with the same key that are still waiting coalesce into one run. Build it from the ids in `data`. */
  idempotencyKey: (data: D) => string;
  /** Attempts before the job is dead-lettered (default `JOB_ATTEMPTS`). */
  attempts?: number;
  /** First retry delay, doubled on each further attempt (default `JOB_BACKOFF_MS`). */
  backoffMs?: number;
}

export interface JobContext {
  attempt: number;
  key: string;
  /** Told how far a long job has got (units of its own, e.g. customers), when someone watches (the CLI draws a bar). */
  progress?: (done: number, total: number) => void;
}

/** A module's background work. Jobs carry JSON-safe ids only and recompute from source, so a rerun is harmless. */
export interface JobProcessor<D> {
  run(data: D, context: JobContext): Promise<void>;
}

export const JobHandler = <D>(options: JobOptions<D>) => applyDecorators(Injectable(), SetMetadata(JOB_HANDLER, options));
