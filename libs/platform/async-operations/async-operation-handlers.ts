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

/**
 * The work of one kind of operation (`batch`; a CSV import would be another). `runChunk` runs inside the chunk's
 * transaction, as the user who started the operation; it refuses records by returning their errors (and must leave
 * nothing of them written), and throws only for failures worth a retry of the whole chunk.
 */
export interface AsyncOperationHandler {
  readonly kind: string;
  runChunk(operation: AsyncOperationRecord, data: unknown, caller: Caller): Promise<ChunkOutcome>;
}

/** The handlers of the kinds of operation the loaded code offers. */
@Injectable()
export class AsyncOperationHandlers {
  private readonly byKind = new Map<string, AsyncOperationHandler>();

  register(handler: AsyncOperationHandler): void {
    if (this.byKind.has(handler.kind)) throw new Error(`Two asynchronous operation handlers of kind '${handler.kind}'`);
    this.byKind.set(handler.kind, handler);
  }

  get(kind: string): AsyncOperationHandler | undefined {
    return this.byKind.get(kind);
  }
}
