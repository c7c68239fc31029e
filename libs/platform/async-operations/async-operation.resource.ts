import { defineResource } from '../json-api/resource-definition';
import { TIMESTAMP_ATTRIBUTES } from '../json-api/timestamp-attributes';

const FINISHED = `r.status IN ('success', 'failed', 'cancelled')`;

/**
 * Asynchronous operations (api.md A.5): a batch (`PATCH /admin/api/{type}` without `X-Mode: sync`) or other long work
 * started by a user, run in the background chunk by chunk. Its owner sees it whatever its roles; administrators see the
 * organization's. Its refused records are at `/admin/api/asyncoperations/{id}/errors`.
 */
export const asyncOperationsResource = defineResource({
  type: 'asyncoperations',
  table: 'platform.async_operation',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  ownerMayView: true,
  operations: ['list', 'get', 'getRelationship'],
  title: `r.kind || ' ' || r.entity_type`,
  description:
    'Asynchronous operations: batches sent without "X-Mode: sync", CSV imports and exports. Poll one until its status is ' +
    'success, failed or cancelled; the errors of the records it refused are at /admin/api/asyncoperations/{id}/errors, ' +
    "an export's file at /admin/api/asyncoperations/{id}/file.",
  attributes: {
    kind: {
      type: 'enum',
      values: ['batch', 'import', 'export'],
      readOnly: true,
      filter: true,
      description: 'What the operation does: a batch write, a CSV import, or a CSV export (its file at /admin/api/asyncoperations/{id}/file once finished).',
    },
    validateOnly: {
      type: 'boolean',
      readOnly: true,
      column: 'validate_only',
      description: 'An import that only checks its rows: its counts say what it would have written; nothing was.',
    },
    status: { type: 'enum', values: ['new', 'running', 'failed', 'success', 'cancelled'], readOnly: true, filter: true, sort: true },
    progress: {
      type: 'integer',
      readOnly: true,
      // No chunk yet: not split yet (a stored file the worker has still to read), or nothing to do.
      expression: `CASE WHEN r.chunk_count > 0 THEN (100 * r.chunks_done / r.chunk_count) WHEN r.source IS NOT NULL OR r.status IN ('new', 'running') THEN 0 ELSE 100 END`,
      description: 'Percentage of the work done (0–100).',
    },
    elapsedTime: {
      type: 'integer',
      readOnly: true,
      expression: `floor(extract(epoch FROM coalesce(r.finished_at, now()) - r.created_at))::integer`,
      description: 'Seconds since the operation was started (until it finished).',
    },
    entityType: { type: 'string', column: 'entity_type', readOnly: true, filter: true, description: 'The resource type the operation writes.' },
    hasErrors: { type: 'boolean', readOnly: true, expression: 'r.error_count > 0' },
    summary: {
      type: 'json',
      readOnly: true,
      expression:
        `CASE WHEN ${FINISHED} THEN jsonb_build_object('aggregateTime', r.aggregate_time_ms, 'readCount', r.read_count, ` +
        `'writeCount', r.write_count, 'errorCount', r.error_count, 'createCount', r.create_count, 'updateCount', r.update_count) END`,
      description: 'Once finished: aggregateTime (ms), readCount, writeCount, errorCount, createCount, updateCount.',
    },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    owner: { type: 'users', cardinality: 'one', readOnly: true, filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
});
