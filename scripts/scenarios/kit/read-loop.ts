import { ApiClient, ApiOutcome } from './api-client';
import { outcomeKind } from './order-writer';
import { sleep } from './scenario';

/** `connections` clients reading `path` back to back on keep-alive connections until `stop()`; outcomes by kind. */
export class ReadLoop {
  readonly byOutcome: Record<string, number> = {};
  /** Answers other than 200 that were not a clean JSON:API 503 closing its connection. */
  readonly odd: ApiOutcome[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(client: ApiClient, path: string, connections: number) {
    this.loops = Array.from({ length: connections }, async () => {
      while (this.running) {
        const outcome = await client.request('GET', path);
        const kind = outcomeKind(outcome);
        this.byOutcome[kind] = (this.byOutcome[kind] ?? 0) + 1;
        // A refused connection is expected while the process is down: do not spin on it.
        if ('error' in outcome) await sleep(50);
      }
    });
  }

  async stop(): Promise<Record<string, number>> {
    this.running = false;
    await Promise.all(this.loops);
    return this.byOutcome;
  }
}
