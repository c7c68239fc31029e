import { Client } from 'pg';

export interface NotifyListenerLog {
  warn(message: string): void;
  log(message: string): void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

/**
 * A dedicated connection that LISTENs on one channel and calls `onNotify` for each NOTIFY. When the connection drops
 * (database restarted, fail-over, network cut) it is opened again with exponential backoff (250 ms doubling to 10 s)
 * until the database answers, and the reconnect is logged; meanwhile the caller's polling covers the gap. Without
 * this, a restart of the database left the relay polling until the process itself was restarted.
 */
export class NotifyListener {
  private client?: Client;
  private stopped = true;
  private retryTimer?: NodeJS.Timeout;
  private retryMs = FIRST_RETRY_MS;
  /** How many times the connection was opened again after a loss (for logs and tests). */
  reconnects = 0;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly log: NotifyListenerLog,
  ) {}

  /** Opens the connection; resolves once it listens or the first attempt failed (retries go on in the background). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect(false);
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(afterLoss: boolean): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    // 'error' (connection lost) and 'end' both mean this connection is gone; only the first one acts.
    let lost = false;
    const onLost = (reason: string) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      if (this.stopped) return;
      this.log.warn(`LISTEN connection lost (${reason}); relaying by polling until it is back`);
      this.scheduleRetry();
    };
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('connection ended'));
    client.on('notification', () => this.onNotify());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      const handled = lost; // the 'error' event may already have scheduled the retry
      lost = true;
      await client.end().catch(() => undefined);
      if (this.stopped || handled) return;
      if (!afterLoss) this.log.warn(`LISTEN unavailable, relaying by polling until it is: ${error}`);
      this.scheduleRetry();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    if (afterLoss) {
      this.reconnects++;
      this.log.log(`LISTEN connection re-opened`);
      // Whatever was committed while it was down was never announced: look now rather than at the next poll.
      this.onNotify();
    }
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => void this.connect(true), delay);
    this.retryTimer.unref();
  }
}
