import type { AppConfig } from '../config/app-config';
import { EmbeddedDatabase } from './embedded-database';

/** Where the application's database is, and how to let go of it. */
export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  poolSize: number;
  close(): Promise<void>;
}

/** The configured PostgreSQL when `DATABASE_URL` is set, otherwise the embedded one kept in `DATA_DIR`. */
export async function openDatabase(config: AppConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, poolSize: config.dbPoolSize, close: async () => undefined };
  }
  const db = await EmbeddedDatabase.start({ dataDir: config.dataDir });
  return { url: db.url, embedded: true, poolSize: 1, close: () => db.stop() };
}
