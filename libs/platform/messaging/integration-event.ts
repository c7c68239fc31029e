/**
 * A class published through the transactional outbox. Contract classes in `libs/contracts/*` declare a static,
 * globally unique `topic` ("<module>.<entity>.<what happened>") and carry JSON-safe fields only.
 */
export interface IntegrationEventClass<E extends object = object> {
  new (...args: never[]): E;
  readonly topic: string;
}

export function topicOf(event: object): string {
  const topic = (event.constructor as Partial<IntegrationEventClass>).topic;
  if (!topic) throw new Error(`${event.constructor.name} is not an integration event: it has no static topic`);
  return topic;
}

/** Rebuilds an event instance from its stored JSON payload. */
export function rehydrate<E extends object>(eventClass: IntegrationEventClass<E>, payload: object): E {
  return Object.assign(Object.create(eventClass.prototype) as E, payload);
}
