import type { DatabaseHandle } from '../../libs/platform/runtime';
import { createEmptyServerDatabase, startEmbedded } from '../../test/harness/test-database';

/** A fresh, empty database: on BENCH_DATABASE_URL (or TEST_DATABASE_URL) when set, else an embedded one. */
export async function benchDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (serverUrl) return createEmptyServerDatabase(serverUrl);
  const db = await startEmbedded();
  return { url: db.url, embedded: true, poolSize: 1, close: () => db.stop() };
}
