import type { IntegrationStore } from '../shared/integration-store';

const KEY = `hashtextextended('integration.customer-links', 0)`;

/**
 * Linking one customer and linking a batch must not overlap (both would give the same customer an account): a batch
 * holds this lock exclusively until it commits, single links and moves share it. Taken before any account lock, so the
 * two kinds of lock are always taken in the same order.
 */
export const linkGuard = {
  /** For a batch of customers: waits for single links in flight, and holds them off until the transaction ends. */
  async exclusive(store: IntegrationStore): Promise<void> {
    await store.query(`SELECT pg_advisory_xact_lock(${KEY})`);
  },

  /** For one customer: runs alongside other single links, waits for a batch in flight. */
  async shared(store: IntegrationStore): Promise<void> {
    await store.query(`SELECT pg_advisory_xact_lock_shared(${KEY})`);
  },
};
