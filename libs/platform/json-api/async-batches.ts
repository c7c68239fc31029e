import type { Caller } from './caller';
import type { JsonApiErrorObject } from './json-api-exception';

/**
 * Where an asynchronous batch goes: the asynchronous operations (`AsyncOperations`) store it and run it in chunks. They
 * sit in the layer above the engine, so the engine names only what it asks of them and `PlatformModule` provides them.
 */
export interface AsyncBatches {
  /** Stores the operation with its chunks and requests its run, in the current transaction; answers its id. */
  start(operation: { kind: string; entityType: string; caller: Caller; chunks: unknown[]; errors?: JsonApiErrorObject[] }): Promise<string>;
}

/** Nest injection token of the `AsyncBatches`. */
export const ASYNC_BATCHES = Symbol('ASYNC_BATCHES');
