import { Injectable } from '@nestjs/common';
import { Outbox } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { RecomputeLifetimeJob } from './recompute-lifetime.job';

/** Asks, in the caller's transaction, for the lifetime values of the accounts behind a change to be recomputed. */
@Injectable()
export class LifetimeRecomputation {
  constructor(
    private readonly store: CrmStore,
    private readonly outbox: Outbox,
  ) {}

  async recomputeAccounts(accountIds: Array<string | null | undefined>): Promise<void> {
    const ids = [...new Set(accountIds.filter((id): id is string => !!id))];
    await this.outbox.schedule(RecomputeLifetimeJob, ...ids.map((accountId) => ({ accountId })));
  }

  async recomputeForAssociations(associationIds: Array<string | null | undefined>): Promise<void> {
    const ids = associationIds.filter((id): id is string => !!id);
    if (ids.length === 0) return;
    const rows = await this.store.query(`SELECT DISTINCT account_id::text AS id FROM crm.customer_association WHERE id = ANY($1::bigint[])`, [ids]);
    await this.recomputeAccounts(rows.map((r: { id: string }) => r.id));
  }
}
