import { Injectable } from '@nestjs/common';
import { ReconcileProgress, Reconciler } from '../../platform';
import { RecomputeLifetimeJob } from './recompute-lifetime.job';

/** CRM's own lifetime values (business customers, b2b channels, opportunities won on accounts) from source. */
@Injectable()
export class CrmLifetimeReconciler implements Reconciler {
  constructor(private readonly job: RecomputeLifetimeJob) {}

  async reconcile(progress: ReconcileProgress): Promise<number> {
    progress(0, 1);
    const corrected = await this.job.recompute(null);
    progress(1, 1);
    return corrected;
  }
}
