import { Injectable } from '@nestjs/common';
import { Outbox } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { RecordPendingAccountTotalsJob } from './record-pending-account-totals.job';

/**
 * The waiting list of accounts whose commerce totals must be recorded again from their links (`pending_account_total`),
 * for work that moves many customers at once (a strategy switch, a re-parented subtree): written in the mover's
 * transaction with the request of the job that records them, so a move is never left without its totals.
 */
@Injectable()
export class PendingAccountTotals {
  constructor(
    private readonly store: IntegrationStore,
    private readonly outbox: Outbox,
  ) {}

  async request(organizationId: string, accountIds: string[]): Promise<void> {
    if (accountIds.length === 0) return;
    await this.store.query(PendingAccountTotals.insert(`SELECT unnest($2::bigint[])`), [organizationId, accountIds]);
    await this.requested(organizationId);
  }

  /** Requests the recording of what a statement built with `insert` put on the list (in the same transaction). */
  async requested(organizationId: string): Promise<void> {
    await this.outbox.schedule(RecordPendingAccountTotalsJob, { organizationId });
  }

  /**
   * The statement (or data-modifying CTE) putting the accounts `source` selects on the list; `$1` is the organization.
   * An account may be on it more than once (no unique key to check: see migration 1763900003371).
   */
  static insert(source: string): string {
    return `INSERT INTO integration.pending_account_total (organization_id, account_id) SELECT $1::bigint, a FROM (${source}) s(a)`;
  }
}
