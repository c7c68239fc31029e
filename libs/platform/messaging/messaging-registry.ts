import { Inject, Injectable, OnModuleInit, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfigService } from '../config/app-config.service';
import { JOB_HANDLER, JobOptions, JobProcessor } from '../jobs/job-handler.decorator';
import { MODULE_MANIFESTS, PLATFORM_JOBS } from '../config/module.tokens';
import { EVENT_SUBSCRIBER, EventSubscriberOptions, OutboxEventHandler } from './event-subscriber.decorator';

export interface RegisteredJob {
  queue: string;
  options: Required<JobOptions>;
  processor: JobProcessor<unknown>;
}

export interface RegisteredSubscriber {
  options: EventSubscriberOptions;
  handler: OutboxEventHandler<object>;
}

/** What the messaging reads of an enabled module's manifest: its queue's name, its jobs and its event subscribers. */
export interface MessagingModule {
  name: string;
  jobs: Type<unknown>[];
  subscribers: Type<unknown>[];
}

/** The platform's own queue (event deliveries); each module has a queue named after it. */
export const PLATFORM_QUEUE = 'platform';

/**
 * The jobs and event subscribers of the ENABLED modules, read from their manifests. A message whose subscriber lives in
 * a module that is not loaded simply has no delivery here.
 */
@Injectable()
export class MessagingRegistry implements OnModuleInit {
  private readonly jobs = new Map<string, RegisteredJob>();
  private readonly subscribersByTopic = new Map<string, RegisteredSubscriber[]>();
  private readonly subscribersByName = new Map<string, RegisteredSubscriber>();

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(MODULE_MANIFESTS) private readonly manifests: MessagingModule[],
    private readonly config: AppConfigService,
    /** The platform's own jobs (event delivery), consumed from the `platform` queue. */
    @Inject(PLATFORM_JOBS) private readonly platformJobs: Type<unknown>[],
  ) {}

  onModuleInit(): void {
    for (const job of this.platformJobs) this.addJob(PLATFORM_QUEUE, job);
    for (const manifest of this.manifests) {
      for (const job of manifest.jobs) this.addJob(manifest.name, job);
      for (const subscriber of manifest.subscribers) this.addSubscriber(subscriber);
    }
  }

  job(name: string): RegisteredJob | undefined {
    return this.jobs.get(name);
  }

  jobOptionsOf(jobClass: Type<unknown>): JobOptions {
    const options = Reflect.getMetadata(JOB_HANDLER, jobClass) as JobOptions | undefined;
    if (!options) throw new Error(`${jobClass.name} is not decorated with @JobHandler`);
    return options;
  }

  subscribersOf(topic: string): RegisteredSubscriber[] {
    return this.subscribersByTopic.get(topic) ?? [];
  }

  subscriber(name: string): RegisteredSubscriber | undefined {
    return this.subscribersByName.get(name);
  }

  queues(): string[] {
    return [...new Set([...this.jobs.values()].map((j) => j.queue))];
  }

  private addJob(queue: string, jobClass: Type<unknown>): void {
    const options = this.jobOptionsOf(jobClass);
    if (this.jobs.has(options.name)) throw new Error(`Two jobs are named '${options.name}'`);
    this.jobs.set(options.name, {
      queue,
      options: { attempts: this.config.get('jobAttempts'), backoffMs: this.config.get('jobBackoffMs'), ...options },
      processor: this.moduleRef.get(jobClass, { strict: false }) as JobProcessor<unknown>,
    });
  }

  private addSubscriber(subscriberClass: Type<unknown>): void {
    const options = Reflect.getMetadata(EVENT_SUBSCRIBER, subscriberClass) as EventSubscriberOptions | undefined;
    if (!options) throw new Error(`${subscriberClass.name} is not decorated with @EventSubscriber`);
    if (this.subscribersByName.has(options.name)) throw new Error(`Two event subscribers are named '${options.name}'`);
    const registered = {
      options,
      handler: this.moduleRef.get(subscriberClass, { strict: false }) as OutboxEventHandler<object>,
    };
    this.subscribersByName.set(options.name, registered);
    const list = this.subscribersByTopic.get(options.event.topic) ?? [];
    list.push(registered);
    this.subscribersByTopic.set(options.event.topic, list);
  }
}
