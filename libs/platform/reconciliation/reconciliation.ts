import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { PlatformMetrics } from '../metrics/platform-metrics';
import { MODULE_MANIFESTS } from '../config/module.tokens';
import type { ModuleReconciler, ReconciledModule, Reconciler } from './reconciler';

export interface ReconcileListener {
  started?(name: string, description: string): void;
  progressed?(name: string, done: number, total: number): void;
  finished?(name: string, corrected: number, ms: number): void;
}

export interface ReconcileResult {
  name: string;
  corrected: number;
  ms: number;
}

/**
 * Runs the loaded modules' reconcilers of a topic in module order (Commerce's customer values before the
 * integration's accounts that sum them), publishes each one's count of corrected values as a metric and logs one line.
 */
@Injectable()
export class Reconciliation {
  private readonly logger = new Logger('Reconciliation');
  private readonly reconcilers: ModuleReconciler[];

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(PlatformMetrics) private readonly metrics: PlatformMetrics,
    @Inject(MODULE_MANIFESTS) manifests: ReconciledModule[],
  ) {
    this.reconcilers = manifests.flatMap((m) => m.reconcilers);
  }

  topics(): string[] {
    return [...new Set(this.reconcilers.map((r) => r.topic))];
  }

  async run(topic: string, listener: ReconcileListener = {}): Promise<ReconcileResult[]> {
    const results: ReconcileResult[] = [];
    for (const declared of this.reconcilers.filter((r) => r.topic === topic)) {
      const reconciler = this.moduleRef.get<Reconciler>(declared.reconciler, { strict: false });
      const started = Date.now();
      listener.started?.(declared.name, declared.description);
      const corrected = await reconciler.reconcile((done, total) => listener.progressed?.(declared.name, done, total));
      const ms = Date.now() - started;
      this.metrics.reconciled(topic, declared.name, corrected);
      listener.finished?.(declared.name, corrected, ms);
      results.push({ name: declared.name, corrected, ms });
    }
    const total = results.reduce((n, r) => n + r.corrected, 0);
    this.logger.log(`Reconciled ${topic}: corrected ${total} value(s) (${results.map((r) => `${r.name} ${r.corrected}`).join(', ')})`);
    return results;
  }
}
