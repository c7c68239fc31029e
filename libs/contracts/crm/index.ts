/**
 * The CRM module's published contracts: the ONLY things other modules may import from it. Commands and queries are
 * sent on the Nest CQRS buses; events arrive through the transactional outbox (subscribe with `@EventSubscriber`).
 */
export * from './account-events';
export * from './create-account.command';
export * from './ensure-system-channel.command';
export * from './get-account.query';
export * from './customer-identity.commands';
export * from './bulk-customer-identity.commands';
export * from './move-customer-associations.command';
export * from './lifetime.contracts';
export * from './accounts-merged.event';
export * from './list-opportunities.query';
export * from './list-account-records.query';
export * from './get-account-crm-overview.query';
