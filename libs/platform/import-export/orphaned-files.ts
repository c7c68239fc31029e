import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { removeFile } from '../async-operations/remove-file';

/**
 * How old a file no operation names must be before it is removed: far longer than any upload takes to be stored and
 * its operation committed, or an export's first chunk to be written, so a file on its way is never taken.
 */
export const ORPHANED_FILE_AGE_MS = 24 * 3600 * 1000;

/** Names of the files in `folder` last written before `before` (none when the folder does not exist yet). */
export async function filesWrittenBefore(folder: string, before: Date): Promise<string[]> {
  const names = await readdir(folder).catch((error: { code?: string }) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  const old: string[] = [];
  for (const name of names) {
    const file = await stat(join(folder, name)).catch(() => null);
    if (file?.isFile() && file.mtime < before) old.push(name);
  }
  return old;
}

/** Removes the named files of `folder` that `referenced` does not hold; answers how many it removed. */
export async function removeUnreferenced(folder: string, names: string[], referenced: Set<string>): Promise<number> {
  let removed = 0;
  for (const name of names) if (!referenced.has(name)) removed += await removeFile(join(folder, name));
  return removed;
}
