import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import type { IntegrationEventClass } from './integration-event';

export const EVENT_SUBSCRIBER = Symbol('EVENT_SUBSCRIBER');

export interface EventSubscriberOptions {
  /** Stable, unique name ("<module>.<what it does>"): the inbox remembers deliveries under it. */
  name: string;
  event: IntegrationEventClass;
}

export interface DeliveryContext {
  messageId: string;
}

/**
 * A durable reaction to an integration event. `handle` runs in a transaction together with the inbox record of the
 * delivery, so a redelivered message has no second effect; if it throws, the delivery is retried with backoff.
 */
export interface OutboxEventHandler<E extends object> {
  handle(event: E, context: DeliveryContext): Promise<void>;
}

export const EventSubscriber = (options: EventSubscriberOptions) =>
  applyDecorators(Injectable(), SetMetadata(EVENT_SUBSCRIBER, options));
