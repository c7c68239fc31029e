import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config';
import { configModuleOf } from './config/app-config.module';
import { AppConfigService } from './config/app-config.service';
import { transactionalCqrsModule } from './database/command-transactions';
import type { DatabaseHandle } from './database/database-handle';
import { DATABASE_HANDLE } from './database/database.tokens';
import { dataSourceOptions } from './database/data-source-options';
import { TransactionRunner } from './database/transaction-runner';
import { HealthController } from './http/health.controller';
import { MetricsController } from './http/metrics.controller';
import { PlatformMetrics } from './metrics/platform-metrics';
import { createJobDriver } from './jobs/create-job-driver';
import { JOB_DRIVER, JobDriver } from './jobs/job-driver';
import { JobRunner } from './messaging/job-runner';
import { WorkerService } from './worker/worker.service';
import { Scheduler } from './schedules/scheduler';
import { ReconcileJob } from './reconciliation/reconcile.job';
import { Reconciliation } from './reconciliation/reconciliation';
import { DeadLetterStore } from './messaging/dead-letter-store';
import { DeliveryLedger } from './messaging/delivery-ledger';
import { DeliverySweeper } from './messaging/delivery-sweeper';
import { deadLettersResource } from './dead-letters/dead-letters.resource';
import { CurrencyConverter } from './money/currency-converter';
import { currencyRatesResource } from './money/currency-rates.resource';
import { currencySettings } from './settings/currency.settings';
import { SETTINGS_SECTIONS, Settings } from './settings/settings';
import { DeliverEventJob } from './messaging/deliver-event.job';
import { MessagingRegistry } from './messaging/messaging-registry';
import { Outbox } from './messaging/outbox';
import { OutboxRelay } from './messaging/outbox-relay';
import { JOBS_WAKEUP, OUTBOX_WAKEUP, Wakeup } from './jobs/wakeup';
import type { ModuleManifest } from './modules/module-manifest';
import type { ManifestParts } from './modules/manifest-parts';
import { CALLER_RESOLVER, CallerResolver } from './json-api/caller';
import { JsonApiService } from './json-api/json-api.service';
import { ASYNC_BATCHES } from './json-api/async-batches';
import { RESOURCE_REGISTRY, ResourceRegistry } from './json-api/resource-registry';
import type { ResourceDefinition } from './json-api/resource-definition';
import { AccessTokens } from './identity/access-tokens';
import { Directory } from './identity/directory';
import { platformResources } from './identity/identity.resources';
import { LoginThrottle } from './identity/login-throttle';
import { OAuthTokenService } from './identity/oauth-token.service';
import { TokenCallerResolver } from './identity/token-caller-resolver';
import { MODULE_MANIFESTS, PLATFORM_JOBS, PLATFORM_SCHEDULES } from './config/module.tokens';
import { AsyncOperationHandlers } from './async-operations/async-operation-handlers';
import { asyncOperationsResource } from './async-operations/async-operation.resource';
import { AsyncOperations } from './async-operations/async-operations';
import { RunAsyncOperationJob } from './async-operations/run-async-operation.job';
import { AsyncBatchHandler } from './async-operations/async-batch.handler';
import { AsyncOperationPurge } from './async-operations/async-operation-purge';
import { PurgeAsyncOperationsJob, purgeAsyncOperationsSchedule } from './async-operations/purge-async-operations.job';
import { ImportFormats } from './import-export/import-formats';
import { ImportHandler } from './import-export/import.handler';
import { OrphanedFiles } from './import-export/orphaned-files';
import { Imports } from './import-export/imports';
import { ExportHandler } from './import-export/export.handler';
import { Exports } from './import-export/exports';
import { createMailTransport } from './mail/create-mail-transport';
import { MAIL_TRANSPORT, type MailTransport } from './mail/mail-transport';
import { Mailer } from './mail/mailer';
import { SendMailJob } from './mail/send-mail.job';

export interface PlatformOptions {
  config: AppConfig;
  /** The ConfigModule that validated the process environment (the entry points); otherwise one is made of `config`. */
  configModule?: DynamicModule;
  manifests: ModuleManifest[];
  database: DatabaseHandle;
  /** Who is calling the JSON:API resources (tests give their own). */
  callerResolver?: CallerResolver;
}

/** The shared kernel every module builds on: database, transactions, outbox, jobs, health and metrics. */
@Module({})
export class PlatformModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly throttle: LoginThrottle,
    private readonly metrics: PlatformMetrics,
    private readonly relay: OutboxRelay,
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    private readonly ledger: DeliveryLedger,
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
  ) {}

  static forRoot({ config, configModule, manifests, database, callerResolver }: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [configModule ?? configModuleOf(config), transactionalCqrsModule(), TypeOrmModule.forRoot(dataSourceOptions(database, manifests))],
      controllers: [HealthController, MetricsController],
      providers: [
        AppConfigService,
        { provide: MODULE_MANIFESTS, useValue: manifests satisfies ManifestParts[] },
        { provide: DATABASE_HANDLE, useValue: database },
        { provide: PLATFORM_JOBS, useValue: [DeliverEventJob, RunAsyncOperationJob, ReconcileJob, SendMailJob, PurgeAsyncOperationsJob] },
        { provide: PLATFORM_SCHEDULES, useValue: [purgeAsyncOperationsSchedule] },
        { provide: MAIL_TRANSPORT, useFactory: () => createMailTransport(config) },
        Mailer,
        SendMailJob,
        { provide: OUTBOX_WAKEUP, useValue: new Wakeup() },
        { provide: JOBS_WAKEUP, useValue: new Wakeup() },
        { provide: SETTINGS_SECTIONS, useValue: [currencySettings, ...manifests.flatMap((m) => m.settings)] },
        Settings,
        { provide: PlatformMetrics, useValue: new PlatformMetrics() },
        {
          provide: RESOURCE_REGISTRY,
          useFactory: () => {
            const owners = [
              { module: 'platform', resources: [...platformResources, deadLettersResource, currencyRatesResource, asyncOperationsResource] as ResourceDefinition[], storefront: [] },
              ...manifests.map((m) => ({ module: m.name, resources: m.resources, extensions: m.resourceExtensions, storefront: m.storefrontResources })),
            ];
            // The storefront's registry: resources declared for both APIs, and the storefront's own definitions.
            const storefront = owners.map((o) => ({ module: o.module, resources: [...o.resources.filter((r) => r.apis.includes('storefront')), ...o.storefront] }));
            return new ResourceRegistry(owners, storefront);
          },
        },
        { provide: AccessTokens, inject: [DataSource], useFactory: (ds: DataSource) => new AccessTokens(ds) },
        { provide: LoginThrottle, useValue: new LoginThrottle(config.redisUrl, config.queuePrefix) },
        {
          provide: OAuthTokenService,
          inject: [DataSource, AccessTokens, LoginThrottle, QueryBus, CommandBus],
          useFactory: (ds: DataSource, tokens: AccessTokens, throttle: LoginThrottle, queries: QueryBus, commands: CommandBus) =>
            new OAuthTokenService(ds, tokens, throttle, queries, commands),
        },
        {
          provide: CALLER_RESOLVER,
          inject: [DataSource, AccessTokens, RESOURCE_REGISTRY, QueryBus],
          useFactory: (ds: DataSource, tokens: AccessTokens, registry: ResourceRegistry, queries: QueryBus) =>
            callerResolver ?? new TokenCallerResolver(ds, tokens, registry, config.permissionsCacheMs, queries),
        },
        JsonApiService,
        AsyncOperationHandlers,
        AsyncOperations,
        { provide: ASYNC_BATCHES, useExisting: AsyncOperations },
        RunAsyncOperationJob,
        AsyncBatchHandler,
        AsyncOperationPurge,
        OrphanedFiles,
        PurgeAsyncOperationsJob,
        ImportFormats,
        ImportHandler,
        Imports,
        Exports,
        ExportHandler,
        {
          provide: JOB_DRIVER,
          inject: [DataSource, TransactionRunner, JOBS_WAKEUP],
          useFactory: (ds: DataSource, tx: TransactionRunner, wakeup: Wakeup): JobDriver =>
            createJobDriver(config, database, ds, tx, wakeup),
        },
        { provide: DeliveryLedger, inject: [DataSource], useFactory: (ds: DataSource) => new DeliveryLedger(ds) },
        DeliverySweeper,
        {
          provide: DeadLetterStore,
          inject: [DataSource],
          useFactory: (ds: DataSource) => new DeadLetterStore(ds),
        },
        TransactionRunner,
        CurrencyConverter,
        Directory,
        Outbox,
        MessagingRegistry,
        DeliverEventJob,
        JobRunner,
        OutboxRelay,
        WorkerService,
        Scheduler,
        Reconciliation,
        ReconcileJob,
      ],
      exports: [
        AppConfigService,
        MODULE_MANIFESTS,
        DATABASE_HANDLE,
        JOB_DRIVER,
        TransactionRunner,
        Outbox,
        DeadLetterStore,
        PlatformMetrics,
        OutboxRelay,
        WorkerService,
        Scheduler,
        Reconciliation,
        DeliverySweeper,
        MessagingRegistry,
        RESOURCE_REGISTRY,
        CALLER_RESOLVER,
        JsonApiService,
        AsyncOperations,
        AsyncOperationPurge,
        ImportFormats,
        Imports,
        Exports,
        OAuthTokenService,
        CurrencyConverter,
        Directory,
        Settings,
        Mailer,
        TypeOrmModule,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.throttle.close();
    await this.mail.close();
  }

  onModuleInit(): void {
    this.metrics.gauge('outbox_backlog', 'Outbox messages not yet relayed', () => this.relay.backlog());
    this.metrics.gauge('jobs_pending', 'Jobs waiting, delayed or running', () => this.driver.pendingCount());
    if (!this.driver.durable) {
      this.metrics.gauge('deliveries_unconfirmed', 'Jobs handed to the queue whose effect has not committed yet', () => this.ledger.count());
    }
  }
}
