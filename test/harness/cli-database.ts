import * as fs from 'node:fs';
import { createEmptyServerDatabase, embeddedDataFolder, startEmbedded } from './test-database';

/**
 * A database that a CLI process can open by itself (an embedded one in a data folder, or one on the test server):
 * `env` for the process, `open()` for the test between runs (close an embedded handle before the next run).
 */
export async function cliDatabase() {
  if (process.env.TEST_DATABASE_URL) {
    const db = await createEmptyServerDatabase(process.env.TEST_DATABASE_URL);
    return { env: { DATABASE_URL: db.url }, open: async () => db, dispose: () => db.close() };
  }
  const dataDir = embeddedDataFolder('b2b-cli-');
  const open = async () => {
    const db = await startEmbedded(dataDir);
    return { url: db.url, embedded: true, poolSize: 1, close: () => db.stop() };
  };
  return { env: { DATA_DIR: dataDir, DATABASE_URL: undefined }, open, dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}
