import { ApiClient, ApiOutcome } from './api-client';
import { sleep } from './scenario';

/** What a steady writer saw: each outcome once, by kind (`201`, `503`, `ECONNREFUSED`, `HANG`…). */
export interface WriteTally {
  sent: number;
  created: number;
  byOutcome: Record<string, number>;
  /** Ids of the orders the API answered 201 for. */
  createdIds: string[];
}

const PAYMENT_STATUSES = ['full', 'full', 'full', 'pending', 'declined'];

/**
 * Creates orders through the API at a steady rate (requests per second, each on the next free keep-alive
 * connection), spread over the given customers, most paid in full, some not (so that a lifetime value must leave them
 * out), each with a unique identifier. Runs until `stop()`; never waits for a slow answer before sending the next.
 */
export class OrderWriter {
  readonly tally: WriteTally = { sent: 0, created: 0, byOutcome: {}, createdIds: [] };
  private running = false;
  private loop?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly client: ApiClient,
    private readonly customerIds: string[],
    private readonly perSecond: number,
    /** Every identifier this writer sends starts with it (`<prefix>-<n>`). */
    readonly prefix = `W${Date.now().toString(36)}`,
  ) {}

  /** Starts sending; with `total`, stops sending by itself after that many requests (see `finish()`). */
  start(total = Infinity): void {
    this.running = true;
    this.loop = this.run(total);
  }

  /** Waits until all `total` requests of `start(total)` were sent and answered. */
  async finish(): Promise<WriteTally> {
    await this.loop;
    return this.stop();
  }

  /** Stops sending and waits for the answers still due. */
  async stop(): Promise<WriteTally> {
    this.running = false;
    await this.loop;
    await Promise.all(this.inFlight);
    return this.tally;
  }

  /** Outcome kinds other than those listed (e.g. everything but 201 and 503). */
  unexpected(allowed: string[]): Record<string, number> {
    return Object.fromEntries(Object.entries(this.tally.byOutcome).filter(([kind]) => !allowed.includes(kind)));
  }

  private async run(total: number): Promise<void> {
    const started = Date.now();
    for (let n = 0; this.running && n < total; n++) {
      const due = started + (n * 1000) / this.perSecond;
      if (due > Date.now()) await sleep(due - Date.now());
      if (!this.running) break;
      const write = this.write(n).finally(() => this.inFlight.delete(write));
      this.inFlight.add(write);
    }
  }

  private async write(n: number): Promise<void> {
    this.tally.sent++;
    const subtotal = (10 + (n % 97) + (n % 7) / 4).toFixed(2);
    const outcome = await this.client.request('POST', '/admin/api/orders', {
      data: {
        type: 'orders',
        attributes: { identifier: `${this.prefix}-${n}`, currency: 'USD', subtotal, total: subtotal, paymentStatus: PAYMENT_STATUSES[n % PAYMENT_STATUSES.length] },
        relationships: { customer: { data: { type: 'customers', id: this.customerIds[n % this.customerIds.length] } } },
      },
    });
    const kind = outcomeKind(outcome);
    this.tally.byOutcome[kind] = (this.tally.byOutcome[kind] ?? 0) + 1;
    if (kind === '201') {
      this.tally.created++;
      this.tally.createdIds.push((outcome as { json: { data: { id: string } } }).json.data.id);
    }
  }
}

export function outcomeKind(outcome: ApiOutcome): string {
  return 'error' in outcome ? outcome.error : String(outcome.status);
}
