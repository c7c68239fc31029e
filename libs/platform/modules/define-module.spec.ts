import { Injectable } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants.js';
import { defineModule } from './module-manifest';
import type { Reconciler } from '../reconciliation/reconciler';

@Injectable()
class SalesStore {}
@Injectable()
class SaveSaleHandler {}
@Injectable()
class TallyJob {}
@Injectable()
class SaleSubscriber {}
@Injectable()
class TallyReconciler implements Reconciler {
  async reconcile(): Promise<number> {
    return 0;
  }
}

describe('defineModule', () => {
  const manifest = defineModule({
    name: 'sales-desk',
    migrationsDir: 'migrations/sales-desk',
    migrations: [],
    providers: [SalesStore, SaveSaleHandler, TallyJob],
    jobs: [TallyJob],
    subscribers: [SaleSubscriber],
    reconcilers: [{ topic: 'tally', name: 'sales-desk.tally', description: 'tallies', reconciler: TallyReconciler }],
  });

  it("derives the Nest module from the manifest: the providers, jobs, subscribers and reconcilers, each once", () => {
    expect(manifest.module.name).toBe('SalesDeskModule');
    expect(Reflect.getMetadata(MODULE_METADATA.PROVIDERS, manifest.module)).toEqual([
      SalesStore,
      SaveSaleHandler,
      TallyJob,
      SaleSubscriber,
      TallyReconciler,
    ]);
  });

  it('gives each module a Nest module of its own, and empty lists for what it leaves out', () => {
    const bare = defineModule({ name: 'bare', migrationsDir: 'migrations/bare', migrations: [] });
    expect(bare.module).not.toBe(manifest.module);
    expect(Reflect.getMetadata(MODULE_METADATA.PROVIDERS, bare.module)).toEqual([]);
    expect(bare).toMatchObject({ providers: [], jobs: [], subscribers: [], reconcilers: [], requires: [] });
  });
});
