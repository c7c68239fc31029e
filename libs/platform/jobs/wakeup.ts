import { EventEmitter } from 'node:events';

/**
 * An in-process doorbell: a writer rings it after commit so a waiting loop starts at once instead of at its next poll.
 * Works in every mode (the embedded database has no cross-connection NOTIFY); other processes are woken by
 * LISTEN/NOTIFY on a real PostgreSQL or by their poll.
 */
export class Wakeup {
  private readonly emitter = new EventEmitter();
  private rung = false;

  ring(): void {
    this.rung = true;
    this.emitter.emit('ring');
  }

  /** Resolves on the next ring (or at once if it rang since the last wait), or after `ms`. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.rung || signal?.aborted) {
      this.rung = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('ring', done);
        signal?.removeEventListener('abort', done);
        this.rung = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.once('ring', done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

/** Tokens for the two doorbells: new outbox messages, and new embedded jobs. */
export const OUTBOX_WAKEUP = Symbol('OUTBOX_WAKEUP');
export const JOBS_WAKEUP = Symbol('JOBS_WAKEUP');
