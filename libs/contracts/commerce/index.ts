/**
 * The commerce module's published contracts: the ONLY things other modules may import from it. Each is a class with TSDoc:
 * commands and queries (sent on the Nest CQRS buses) and integration events (static `topic` "commerce.<entity>.<what
 * happened>", JSON-safe fields, published through the transactional outbox). The commerce resources issue adds them here.
 */
export * from './customer-lifetime-values-changed.event';
export * from './list-customer-lifetime-values.query';
export * from './get-customer-overview.query';
export * from './customer-events';
export * from './customer-queries';
