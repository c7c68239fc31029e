import { Injectable } from '@nestjs/common';
import type { ApiName } from '../json-api/api-name';
import type { Caller } from '../json-api/caller';
import type { JsonApiErrorObject } from '../json-api/json-api-exception';

/** An operation as its handler sees it. */
export interface AsyncOperationRecord {
  id: string;
  kind: string;
  api: ApiName;
  organizationId: string;
  ownerId: string | null;
  entityType: string;
}

/** What one chunk did: records read, created and updated, and the errors of the ones it refused. */
export interface ChunkOutcome {
  read: number;
  created: number;
  updated: number;
  errors: JsonApiErrorObject[];
}

/** Hands over one chunk of the work being split (they are numbered in the order they come). */
export type AddChunk = (chunk: unknown) => Promise<void>;

/** What splitting a source found besides chunks: records refused before any work (counted as read and in error). */
export interface SplitOutcome {
  errors: JsonApiErrorObject[];
  refusedCount: number;
}

/** The whole source cannot be worked on (a file that cannot be read): the operation fails with these errors. */
export class AsyncOperationRefused extends Error {
  constructor(readonly errors: JsonApiErrorObject[]) {
    super(errors.map((e) => e.detail).join(' '));
  }
}

/**
 * The work of one kind of operation (`batch`, `import`). `runChunk` runs inside the chunk's transaction, as the user
 * who started the operation; it refuses records by returning their errors (and must leave nothing of them written),
 * and throws only for failures worth a retry of the whole chunk. A kind whose operations start from a source (a stored
 * file) splits it in the worker: `split` runs in one transaction with the chunks it adds (throwing
 * `AsyncOperationRefused` for a source that cannot be used), and `discardSource` is told once the chunks are stored.
 * `discardFiles` removes what a purged operation kept outside the database (its source if never split, its output).
 */
export interface AsyncOperationHandler {
  readonly kind: string;
  runChunk(operation: AsyncOperationRecord, data: unknown, caller: Caller): Promise<ChunkOutcome>;
  split?(operation: AsyncOperationRecord, source: unknown, addChunk: AddChunk): Promise<SplitOutcome>;
  discardSource?(source: unknown): Promise<void>;
  /** Answers how many files it removed. */
  discardFiles?(operation: { id: string; source: unknown }): Promise<number>;
}

/**
 * Removes files an operation would have used but none references (e.g. an upload whose operation was never
 * committed), old enough that no operation can still be about to; answers how many. Run by the nightly purge.
 */
export interface OrphanedFileSweep {
  sweep(): Promise<number>;
}

/** The handlers of the kinds of operation the loaded code offers, and the sweeps of the files they leave behind. */
@Injectable()
export class AsyncOperationHandlers {
  private readonly byKind = new Map<string, AsyncOperationHandler>();
  readonly sweeps: OrphanedFileSweep[] = [];

  register(handler: AsyncOperationHandler): void {
    if (this.byKind.has(handler.kind)) throw new Error(`Two asynchronous operation handlers of kind '${handler.kind}'`);
    this.byKind.set(handler.kind, handler);
  }

  get(kind: string): AsyncOperationHandler | undefined {
    return this.byKind.get(kind);
  }

  registerSweep(sweep: OrphanedFileSweep): void {
    this.sweeps.push(sweep);
  }
}
