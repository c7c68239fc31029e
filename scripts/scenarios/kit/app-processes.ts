import { RunningProcess, spawnEntry, waitForOk } from '../../../test/harness/spawn-process';
import { ScenarioFailure } from './scenario';

export type Role = 'api' | 'worker';

const ENTRY: Record<Role, string> = { api: 'apps/api/main.ts', worker: 'apps/worker/main.ts' };
const BOOT_TIMEOUT_MS = 180_000;

/**
 * The API or the worker as its own process, as production runs it (the TypeScript entry point through the same
 * loader as `npm run bench`), with helpers to stop it gracefully, kill it and start it again on the same settings.
 */
export class AppProcess {
  private running?: RunningProcess;
  /** Output of the earlier runs of this role (a restart starts a new process). */
  private earlierOutput = '';

  constructor(
    readonly role: Role,
    readonly port: number,
    private readonly env: Record<string, string | undefined>,
  ) {}

  get pid(): number | undefined {
    return this.running?.child.pid;
  }

  get alive(): boolean {
    return this.running !== undefined && this.running.child.exitCode === null && this.running.child.signalCode === null;
  }

  /** Everything the process (and its earlier runs) printed. */
  output(): string {
    return this.earlierOutput + (this.running?.output() ?? '');
  }

  /** Starts it and waits until `/health/ready` answers 200. */
  async start(): Promise<void> {
    if (this.running) this.earlierOutput += this.running.output();
    const portVariable = this.role === 'api' ? 'PORT' : 'WORKER_PORT';
    this.running = spawnEntry(ENTRY[this.role], { HOST: '127.0.0.1', ...this.env, [portVariable]: String(this.port) });
    try {
      await waitForOk(`http://127.0.0.1:${this.port}/health/ready`, BOOT_TIMEOUT_MS, this.running);
    } catch (error) {
      throw new ScenarioFailure(`the ${this.role} did not become ready: ${String(error).slice(-1500)}`);
    }
  }

  /** SIGTERM; resolves with the exit code and how long the process took to exit. */
  async terminate(graceMs = 60_000): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    const code = (await this.running?.stop(graceMs)) ?? null;
    return { code, ms: Date.now() - started };
  }

  /** kill -9: no chance to finish anything. */
  async kill(): Promise<void> {
    const running = this.running;
    if (!running || !this.alive) return;
    running.child.kill('SIGKILL');
    await running.exited;
  }

  /** Its last warnings and errors (JSON log lines above info, and anything else it printed), for a failure message. */
  tail(lines = 20): string {
    const notable = this.output().trim().split('\n').filter((line) => !/^\{"level":(10|20|30),/.test(line));
    return notable.slice(-lines).map((line) => line.slice(0, 1500)).join('\n');
  }
}
