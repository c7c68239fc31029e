import { NestFactory } from '@nestjs/core';
import Fastify from 'fastify';
import { DataSource } from 'typeorm';
import { PlatformMetrics } from '../metrics/platform-metrics';
import { READINESS_RETRY_AFTER, checkReadiness } from '../http/readiness';
import { clientErrorHandler } from '../http/client-error-handler';
import { GracefulHttpClose } from '../http/graceful-http-close';
import { errorToException, sendErrorDocument } from '../json-api/http/error-reply';
import { JsonApiException } from '../json-api/json-api-exception';
import { JSON_API_MEDIA_TYPE } from '../json-api/api-name';
import { JOB_DRIVER, JobDriver } from '../jobs/job-driver';
import { WorkerService } from '../worker/worker.service';
import { PinoNestLogger } from '../logging/logger';
import type { ModuleManifest } from '../modules/module-manifest';
import { AppModule } from './app.module';
import { exitWith, loadProcessConfig, onShutdownSignal, prepareProcess } from './prepare-process';

/**
 * `apps/worker`: the same modules without the API. Relays the outbox and consumes the enabled modules' queues; serves
 * only `/health`, `/health/ready` and `/metrics` on WORKER_PORT.
 */
export async function runWorker(catalog: ModuleManifest[]): Promise<void> {
  if (!(await loadProcessConfig(catalog)).config.databaseUrl) {
    exitWith('The worker needs DATABASE_URL: with the embedded database, `npm start` runs the worker inside the API process.');
  }
  const prepared = await prepareProcess('worker', catalog);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(prepared), {
    logger: new PinoNestLogger(prepared.logger),
  });
  const dataSource = app.get(DataSource);
  const driver = app.get<JobDriver>(JOB_DRIVER);
  const metrics = app.get(PlatformMetrics);
  const http = Fastify({ loggerInstance: prepared.logger, clientErrorHandler });
  const graceful = new GracefulHttpClose(http);
  http.setNotFoundHandler((_request, reply) => sendErrorDocument(reply, JsonApiException.notFound('The requested resource does not exist.')));
  http.setErrorHandler((error, request, reply) => sendErrorDocument(reply, errorToException(error, request, prepared.logger)));
  http.get('/health', async () => ({ status: 'ok' }));
  http.get('/health/ready', async (_request, reply) => {
    const { ready, body } = await checkReadiness(dataSource, driver);
    if (!ready) reply.header('content-type', JSON_API_MEDIA_TYPE).header('retry-after', READINESS_RETRY_AFTER);
    return reply.status(ready ? 200 : 503).send(body);
  });
  http.get('/metrics', async (_request, reply) =>
    reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  onShutdownSignal(prepared, async () => {
    await graceful.drain();
    await http.close();
    await app.close();
  });
  await app.get(WorkerService).start();
  await http.listen({ port: prepared.config.workerPort, host: prepared.config.host });
  prepared.logger.info(`Worker running; health on port ${prepared.config.workerPort}`);
}
