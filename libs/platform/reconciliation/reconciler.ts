import type { Type } from '@nestjs/common';

/** Reports how far a reconciler has got, in units it chooses (pages, organizations…). */
export type ReconcileProgress = (done: number, total: number) => void;

/**
 * A module's repair of values it derives from its own sources: recomputes them all from source (set-based), fixes only
 * those that differ and returns how many it corrected (0 on a healthy system).
 */
export interface Reconciler {
  reconcile(progress: ReconcileProgress): Promise<number>;
}

/**
 * A reconciler declared in a module's manifest. All reconcilers of a `topic` (e.g. `lifetime`) run together, in module
 * order (a module's requirements first), from the CLI (`<topic>:reconcile`) and on the platform's nightly schedule.
 */
export interface ModuleReconciler {
  topic: string;
  /** Unique name, `<module>.<what>`: the metric label and the line in reports. */
  name: string;
  description: string;
  reconciler: Type<Reconciler>;
}

/** What the reconciliation reads of an enabled module's manifest (it sits below the manifests). */
export interface ReconciledModule {
  reconcilers: ModuleReconciler[];
}
