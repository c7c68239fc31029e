import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { EMBEDDED_SHARED_BUFFERS } from '../config/embedded-memory';
import { extractTar } from './extract-tar';

/**
 * PostgreSQL compiled to WebAssembly (PGlite), kept in a folder, served on a loopback port through the Postgres wire
 * protocol so that the application reaches it with the same `pg` driver and migrations as a real server.
 *
 * Its known deviations (one shared session, no cross-connection NOTIFY, no COPY FROM STDIN) are why the platform uses a
 * pool of ONE connection and an in-process wake-up in embedded mode.
 */
export class EmbeddedDatabase {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
    private readonly lockFile?: string,
  ) {}

  /**
   * Opens (creating if needed) the database kept in `dataDir`, or an in-memory one from a dumped template. A new
   * `dataDir` starts from `snapshotFile` (a dump) when given, instead of running initdb.
   */
  static async start(options: { dataDir?: string; loadDataDir?: Blob; snapshotFile?: string; sharedBuffers?: string }): Promise<EmbeddedDatabase> {
    let lockFile: string | undefined;
    if (options.dataDir) {
      fs.mkdirSync(options.dataDir, { recursive: true });
      lockFile = acquireLock(options.dataDir);
    }
    try {
      if (options.dataDir && options.snapshotFile) startFromSnapshot(path.resolve(options.dataDir, 'pgdata'), options.snapshotFile);
      const db = await PGlite.create({
        dataDir: options.dataDir ? path.resolve(options.dataDir, 'pgdata') : undefined,
        loadDataDir: options.loadDataDir,
        // Extensions a migration may create (trigram search); a real server ships them in its contrib package.
        extensions: { pg_trgm },
        // Fewer shared buffers than PostgreSQL's 128 MB, which this process would hold all the time (see the constant).
        startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers ?? EMBEDDED_SHARED_BUFFERS}`],
      });
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
      await server.start();
      const [host, port] = server.getServerConn().split(':');
      return new EmbeddedDatabase(db, server, `postgres://postgres@${host}:${port}/postgres`, lockFile);
    } catch (error) {
      if (lockFile) fs.rmSync(lockFile, { force: true });
      throw error;
    }
  }

  /** A snapshot of the whole database (used by the test harness to start many databases from one template). */
  dump(): Promise<Blob> {
    return this.db.dumpDataDir('none') as Promise<Blob>;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    if (this.lockFile) fs.rmSync(this.lockFile, { force: true });
  }
}

/** A new data folder gets the snapshot's files: written aside and renamed, so that a crash never leaves half of them. */
function startFromSnapshot(pgdata: string, snapshotFile: string): void {
  if (fs.existsSync(pgdata)) return;
  const partial = `${pgdata}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  extractTar(fs.readFileSync(snapshotFile), partial);
  fs.renameSync(partial, pgdata);
}

/** Two processes on one data folder would corrupt it: the second one is refused with a clear message. */
function acquireLock(dataDir: string): string {
  const lockFile = path.resolve(dataDir, 'embedded.lock');
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return lockFile;
  } catch {
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${path.resolve(dataDir)} is in use by process ${holder}; stop it first ` +
          '(the embedded database serves one process at a time).',
      );
    }
    fs.writeFileSync(lockFile, String(process.pid));
    return lockFile;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
