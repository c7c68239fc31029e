import type { QueueDriverKind } from '../config/app-config';
import type { Queryable } from '../database/queryable';

/** One queued run of a job, as the relay hands it to a driver. */
export interface JobRequest {
  queue: string;
  name: string;
  /** Deduplication key: while a job with this key waits, another request with it is dropped. */
  key: string;
  data: unknown;
  attempts: number;
  backoffMs: number;
}

/** A job as a driver hands it to the runner. */
export interface QueuedJob {
  queue: string;
  name: string;
  key: string;
  data: unknown;
  /** 1 for the first run. */
  attempt: number;
  maxAttempts: number;
}

export type JobExecutor = (job: QueuedJob) => Promise<void>;

/**
 * Where queued jobs live and who runs them. Every driver gives the same semantics: durable, at-least-once, retried with
 * exponential backoff up to the job's attempts, deduplicated by key while waiting.
 */
export interface JobDriver {
  readonly kind: QueueDriverKind;
  /**
   * True when queued jobs live in the application database and commit with the relay's transaction (the embedded
   * queue). Otherwise the queue can lose what it was handed, and the delivery ledger keeps it until it ran.
   */
  readonly durable: boolean;
  /** Queues the requests; `db` is the relay's transaction (used by drivers that keep jobs in the database). */
  enqueue(requests: JobRequest[], db: Queryable): Promise<void>;
  /** Starts consuming the queues in the background. */
  consume(queues: string[], execute: JobExecutor, concurrency: number): void;
  /** Jobs waiting, delayed for a retry, or running. */
  pendingCount(): Promise<number>;
  /** Throws when the queue's store cannot be reached. */
  ping(): Promise<void>;
  /** Stops taking new jobs, lets running ones finish, and closes connections. */
  close(): Promise<void>;
}

export const JOB_DRIVER = Symbol('JOB_DRIVER');
