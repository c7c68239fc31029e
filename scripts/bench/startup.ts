import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const repository = path.resolve(__dirname, '..', '..');

/**
 * S7: `npm start` (embedded database) to `/health/ready` on a warm install, with a new data folder (started from the
 * build's migrated snapshot) and on that folder again, and the API process's resident memory once idle (read from its
 * own `/metrics`). `rounds` starts of each kind; the table gives the median and the best. Returns markdown lines.
 */
export async function benchStartup({ rounds = 3, idleSeconds = 5 } = {}): Promise<string[]> {
  // A warm install: built once (compiles if needed, makes the snapshot), then timed with nothing changed.
  await run('npm', ['run', 'build', '--silent']);
  const build = await timed(() => run('npm', ['run', 'build', '--silent']));
  const fresh: number[] = [];
  const existing: number[] = [];
  const rss: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-startup-'));
    try {
      fresh.push(await startToReady(dataDir));
      const { seconds, idleRss } = await startToReady(dataDir, idleSeconds);
      existing.push(seconds);
      rss.push(idleRss);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const cell = (values: number[], digits = 1) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)})`;
  return [
    '| S7: embedded, warm install | median (best) | target |',
    '|---|---|---|',
    `| \`npm run build\` with nothing changed, s | ${build.toFixed(2)} | — |`,
    `| \`npm start\` to ready, new data folder, s | ${cell(fresh)} | ≤ 10 |`,
    `| \`npm start\` to ready, existing data folder, s | ${cell(existing)} | ≤ 4 |`,
    `| API process RSS after ${idleSeconds} s idle, MB | ${cell(rss, 0)} | ≤ 300 |`,
    '',
    `rounds=${rounds}, load average at the end ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs (the machine is shared: wall times grow with its load)`,
  ];
}

async function startToReady(dataDir: string): Promise<number>;
async function startToReady(dataDir: string, idleSeconds: number): Promise<{ seconds: number; idleRss: number }>;
async function startToReady(dataDir: string, idleSeconds?: number): Promise<number | { seconds: number; idleRss: number }> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: repository,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '', ADMIN_PASSWORD: 'startup-bench' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    await waitForReady(port, child);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (idleSeconds === undefined) return seconds;
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const idleRss = Number(/^process_resident_memory_bytes (\d+)/m.exec(metrics)?.[1]) / 1024 / 1024;
    return { seconds, idleRss };
  } finally {
    await stop(child);
  }
}

async function waitForReady(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** SIGTERM to npm and the API under it (their own process group), and wait until they are gone. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repository, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
