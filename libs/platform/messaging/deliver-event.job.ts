import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TransactionRunner } from '../database/transaction-runner';
import { JobHandler, JobProcessor } from '../jobs/job-handler.decorator';
import { rehydrate } from './integration-event';
import { MessagingRegistry } from './messaging-registry';

export interface EventDelivery {
  messageId: string;
  topic: string;
  subscriber: string;
  payload: object;
}

export const DELIVER_EVENT_JOB = 'platform.deliver-event';

/**
 * Hands one outbox message to one subscriber. The inbox row and the subscriber's effect commit together, so a message
 * delivered twice (a relay retry, a queue redelivery) takes effect once.
 */
@Injectable()
@JobHandler<EventDelivery>({ name: DELIVER_EVENT_JOB, idempotencyKey: (d) => `${d.messageId}:${d.subscriber}` })
export class DeliverEventJob implements JobProcessor<EventDelivery> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly moduleRef: ModuleRef,
  ) {}

  async run(delivery: EventDelivery): Promise<void> {
    // Resolved lazily: the registry itself holds this job.
    const subscriber = this.moduleRef.get(MessagingRegistry, { strict: false }).subscriber(delivery.subscriber);
    if (!subscriber) throw new Error(`Subscriber '${delivery.subscriber}' is not loaded`);
    await this.tx.run(async (manager) => {
      const inserted = await manager.query(
        `INSERT INTO platform.inbox (message_id, subscriber) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id`,
        [delivery.messageId, delivery.subscriber],
      );
      if (inserted.length === 0) return;
      await subscriber.handler.handle(rehydrate(subscriber.options.event, delivery.payload), {
        messageId: delivery.messageId,
      });
    });
  }
}
