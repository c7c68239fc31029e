import { defineResource } from '../json-api/resource-definition';

/**
 * Jobs and event deliveries that failed every attempt. Operational data of the whole installation (no organization):
 * only callers granted `deadletters` (administrators) see them. `POST /admin/api/deadletters/{id}/retry` queues one again.
 */
export const deadLettersResource = defineResource({
  type: 'deadletters',
  table: 'platform.dead_letter',
  apis: ['admin'],
  organizationColumn: null,
  operations: ['list', 'get'],
  title: 'job_name',
  description: 'Dead-lettered jobs and event deliveries. Retry one with POST /admin/api/deadletters/{id}/retry.',
  attributes: {
    queue: { type: 'string', filter: true },
    jobName: { type: 'string', filter: true, sort: true },
    jobKey: { type: 'string', filter: ['eq', 'contains'] },
    data: { type: 'json' },
    error: { type: 'text' },
    attempts: { type: 'integer' },
    failedAt: { type: 'datetime', filter: true, sort: true },
    retriedAt: { type: 'datetime', filter: true, sort: true },
  },
});
