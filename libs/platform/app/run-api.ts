import { WorkerService } from '../worker/worker.service';
import type { ModuleManifest } from '../modules/module-manifest';
import { closeHttpApp, createHttpApp } from './create-http-app';
import { onShutdownSignal, prepareProcess } from './prepare-process';

/** `apps/api`: the HTTP API; in embedded mode (or with RUN_WORKER=true) also the worker, in the same process. */
export async function runApi(catalog: ModuleManifest[]): Promise<void> {
  const prepared = await prepareProcess('api', catalog);
  const app = await createHttpApp(prepared, prepared.logger);
  onShutdownSignal(prepared, () => closeHttpApp(app));
  if (prepared.config.runWorker) await app.get(WorkerService).start();
  await app.listen({ port: prepared.config.port, host: prepared.config.host });
  prepared.logger.info(`API listening on http://${prepared.config.host}:${prepared.config.port}`);
}
