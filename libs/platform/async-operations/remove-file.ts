import { rm } from 'node:fs/promises';

/** Removes a file if it is there; answers how many were removed (0 or 1). */
export async function removeFile(path: string): Promise<number> {
  try {
    await rm(path);
    return 1;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return 0;
    throw error;
  }
}
