import { join } from 'node:path';

/** Where `POST /imports` stores uploads until the worker has read them. */
export function uploadFolder(dataDir: string): string {
  return join(dataDir, 'imports');
}
