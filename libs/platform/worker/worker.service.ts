import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { MessagingRegistry } from '../messaging/messaging-registry';
import { OutboxRelay } from '../messaging/outbox-relay';
import { JOB_DRIVER, JobDriver } from '../jobs/job-driver';
import { JobRunner } from '../messaging/job-runner';
import { Scheduler } from '../schedules/scheduler';
import { DeliverySweeper } from '../messaging/delivery-sweeper';

/**
 * The background half of the product: the outbox relay, consumers of the enabled modules' queues and the scheduler. Runs in
 * `apps/worker` (any number of replicas), or inside the API process in embedded mode.
 */
@Injectable()
export class WorkerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private running = false;
  private consuming = false;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly registry: MessagingRegistry,
    private readonly runner: JobRunner,
    private readonly scheduler: Scheduler,
    private readonly sweeper: DeliverySweeper,
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    private readonly config: AppConfigService,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.relay.start();
    this.startConsumers();
    this.scheduler.start();
    this.sweeper.start();
    this.logger.log(`Consuming queues ${this.registry.queues().join(', ')} with the ${this.driver.kind} driver`);
  }

  /** Job consumers only (the test harness relays by itself). */
  startConsumers(): void {
    if (this.consuming) return;
    this.consuming = true;
    this.driver.consume(this.registry.queues(), this.runner.execute, this.config.get('workerConcurrency'));
  }

  /** SIGTERM: stop taking work; running jobs finish (or, if killed, go back to the queue when their lease ends). */
  async beforeApplicationShutdown(): Promise<void> {
    this.scheduler.stop();
    this.sweeper.stop();
    await this.relay.stop();
    await this.driver.close();
  }
}
