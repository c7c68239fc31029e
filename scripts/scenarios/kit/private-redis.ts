import { ChildProcess, spawn } from 'node:child_process';
import IORedis from 'ioredis';
import { ScenarioFailure, sleep } from './scenario';

/** A Redis of the scenario's own, in memory only (`--save "" --appendonly no`): a restart brings it back empty. */
export class PrivateRedis {
  private child?: ChildProcess;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.child = child;
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new ScenarioFailure(`redis-server on port ${this.port} exited with ${child.exitCode}`);
      if (await this.ping()) return;
      await sleep(100);
    }
    throw new ScenarioFailure(`redis-server on port ${this.port} did not answer`);
  }

  private async ping(): Promise<boolean> {
    const client = new IORedis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Down and back up with nothing in it (everything queued is lost). */
  async restartEmpty(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
