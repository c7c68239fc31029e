import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { ScenarioFailure } from './scenario';

/** The PostgreSQL server programs: the newest installed major version's folder, else whatever is on PATH. */
function binary(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(root, version, 'bin', name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return name;
}

/**
 * A PostgreSQL cluster of the scenario's own (initdb in a temporary folder, loopback only, on the given port), which
 * it may stop, restart or wipe without disturbing anybody. Run as the `postgres` user when the scenario runs as root
 * (initdb refuses root). Durability is switched off: the scenarios test the product, not the disk.
 */
export class PrivatePostgres {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-scenario-pg-'));
  private readonly asPostgres = process.getuid?.() === 0;

  constructor(readonly port: number) {}

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<void> {
    if (this.asPostgres) fs.chownSync(this.dir, ...this.postgresIds());
    this.run(binary('initdb'), ['-D', this.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    await this.start();
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    this.run(binary('pg_ctl'), ['-D', this.dataDir, '-l', path.join(this.dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  }

  /** `fast`: open sessions are terminated at once, as in a restart or a fail-over. */
  async stop(): Promise<void> {
    this.run(binary('pg_ctl'), ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** Stops the server if it runs and removes its folder. */
  async destroy(): Promise<void> {
    if (fs.existsSync(path.join(this.dataDir, 'postmaster.pid'))) {
      spawnSync(this.asPostgres ? 'runuser' : binary('pg_ctl'), this.command(binary('pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  private run(program: string, args: string[]): void {
    const result = spawnSync(this.asPostgres ? 'runuser' : program, this.command(program, args), { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new ScenarioFailure(`${path.basename(program)} ${args.at(-1)} failed: ${(result.stderr || result.stdout || String(result.error)).trim().slice(-500)}`);
    }
  }

  private command(program: string, args: string[]): string[] {
    return this.asPostgres ? ['-u', 'postgres', '--', program, ...args] : args;
  }

  private postgresIds(): [number, number] {
    const ids = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    return [ids('-u'), ids('-g')];
  }
}
