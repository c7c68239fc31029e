import { Injectable } from '@nestjs/common';
import { ReconcileProgress, Reconciler } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { CustomerLifetimeValues } from './customer-lifetime-values';

/**
 * Every customer's lifetime sales value recomputed from its orders in one set-based statement (the full
 * recalculation); only the values that differ are written and announced, so that the accounts summing them follow.
 */
@Injectable()
export class CustomerLifetimeReconciler implements Reconciler {
  constructor(
    private readonly store: CommerceStore,
    private readonly values: CustomerLifetimeValues,
  ) {}

  async reconcile(progress: ReconcileProgress): Promise<number> {
    progress(0, 1);
    const corrected = await this.store.tx.run(() => this.values.recompute(null));
    progress(1, 1);
    return corrected;
  }
}
