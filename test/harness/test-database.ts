import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DatabaseHandle, EmbeddedDatabase, ModuleManifest, extractTar, migrationFingerprint, runMigrations } from '../../libs/platform/runtime';

/**
 * A fresh, migrated database for one test file: on PostgreSQL (`TEST_DATABASE_URL`) a clone of a migrated template
 * per module set, otherwise an embedded database started from the snapshot made by the global setup.
 */
export async function createTestDatabase(manifests: ModuleManifest[]): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return createEmbeddedTestDatabase(manifests);
  const template = await ensureTemplate(serverUrl, manifests);
  const name = `b2b_test_${randomBytes(6).toString('hex')}`;
  await cloneTemplate(serverUrl, template, name);
  return {
    url: databaseUrl(serverUrl, name),
    embedded: false,
    poolSize: 5,
    close: () => dropDatabase(serverUrl, name),
  };
}

/**
 * An embedded database migrated for the module set: the first test file of this run that needs the set migrates an
 * empty one and leaves a snapshot next to the global setup's; later files start from that snapshot.
 */
async function createEmbeddedTestDatabase(manifests: ModuleManifest[]): Promise<DatabaseHandle> {
  const template = process.env.PGLITE_TEMPLATE_FILE;
  const snapshot = template ? `${template}.${migrationFingerprint(manifests)}.tar` : undefined;
  if (snapshot && fs.existsSync(snapshot)) {
    const db = await EmbeddedDatabase.start({ loadDataDir: new Blob([fs.readFileSync(snapshot)]) });
    return { url: db.url, embedded: true, poolSize: 1, close: () => db.stop() };
  }
  const db = await startEmbedded();
  const handle: DatabaseHandle = { url: db.url, embedded: true, poolSize: 1, close: () => db.stop() };
  // A failing migration must not leave the database running (Jest would wait for it forever).
  await runMigrations(handle, manifests).catch(async (error) => {
    await db.stop();
    throw error;
  });
  if (snapshot) {
    // Written aside and renamed, so that a file being written by a parallel worker is never read half-way.
    const partial = `${snapshot}.${process.pid}`;
    fs.writeFileSync(partial, Buffer.from(await (await db.dump()).arrayBuffer()));
    fs.renameSync(partial, snapshot);
  }
  return handle;
}

/**
 * An empty embedded database (not migrated), for tests of migrations themselves; in `dataDir` when given (a new folder
 * starts from the global setup's snapshot too, rather than running initdb).
 */
export async function startEmbedded(dataDir?: string): Promise<EmbeddedDatabase> {
  const file = process.env.PGLITE_TEMPLATE_FILE;
  const fresh = !dataDir || !fs.existsSync(path.join(dataDir, 'pgdata'));
  return EmbeddedDatabase.start({ dataDir, loadDataDir: file && fresh ? new Blob([fs.readFileSync(file)]) : undefined });
}

/**
 * A new data folder for a process that opens the embedded database itself, holding the global setup's empty database
 * so that the process skips initdb (the API process test still starts from an empty folder, as a new installation).
 */
export function embeddedDataFolder(prefix: string): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const template = process.env.PGLITE_TEMPLATE_FILE;
  if (template) extractTar(fs.readFileSync(template), path.join(dataDir, 'pgdata'));
  return dataDir;
}

/** An empty database on the test PostgreSQL server (not migrated). */
export async function createEmptyServerDatabase(serverUrl: string): Promise<DatabaseHandle> {
  const name = `b2b_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  return {
    url: databaseUrl(serverUrl, name),
    embedded: false,
    poolSize: 5,
    close: () => dropDatabase(serverUrl, name),
  };
}

// Built once per module set and migration content; parallel test workers take turns through an advisory lock.
async function ensureTemplate(serverUrl: string, manifests: ModuleManifest[]): Promise<string> {
  const template = `b2b_tmpl_${migrationFingerprint(manifests)}`;
  await withAdmin(serverUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock(7310442002)');
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (rowCount) return;
      const building = `${template}_wip`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      await runMigrations({ url: databaseUrl(serverUrl, building), embedded: false, poolSize: 2, close: async () => undefined }, manifests);
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(7310442002)');
    }
  });
  return template;
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

// PostgreSQL refuses to copy a template while another session is on it (55006): wait and try again.
async function cloneTemplate(serverUrl: string, template: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

async function withAdmin<T>(serverUrl: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
