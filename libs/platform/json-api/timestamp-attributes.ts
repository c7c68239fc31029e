import type { AttributeDefinition } from './resource-definition';

/** `createdAt` / `updatedAt`: kept by the database (`updatedAt` refreshed on every API update), filterable, sortable. */
export const TIMESTAMP_ATTRIBUTES: Record<'createdAt' | 'updatedAt', AttributeDefinition> = {
  createdAt: { type: 'datetime', readOnly: true, filter: true, sort: true },
  updatedAt: { type: 'datetime', readOnly: true, filter: true, sort: true },
};
