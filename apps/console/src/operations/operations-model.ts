import type { ListQuery, ResourceObject } from '../api/json-api-client';

/** The kinds of operation the page lists: the user's CSV imports and exports (batches are an API client's business). */
export const LISTED_KINDS = ['import', 'export'] as const;

export const OPERATIONS_PAGE_SIZE = 20;

/** An `asyncoperations` resource as a row of the operations page. */
export interface OperationRow {
  id: string;
  kind: string;
  /** An import that only checked its rows (nothing written). */
  validateOnly: boolean;
  entityType: string;
  status: 'new' | 'running' | 'failed' | 'success' | 'cancelled';
  progress: number;
  createdAt: string | null;
  summary: { readCount: number; createCount: number; updateCount: number; errorCount: number } | null;
}

const FINISHED: ReadonlySet<string> = new Set(['success', 'failed', 'cancelled']);

/** The caller's own imports and exports, newest first (ties by id, so paging is stable). */
export function operationsQuery(userId: string, page: number): ListQuery {
  return {
    filters: [
      { field: 'owner', op: 'eq', value: [userId] },
      { field: 'kind', op: 'eq', value: [...LISTED_KINDS] },
    ],
    sort: ['-createdAt', '-id'],
    page: { number: page, size: OPERATIONS_PAGE_SIZE },
  };
}

export function operationRow(operation: ResourceObject): OperationRow {
  const a = operation.attributes ?? {};
  return {
    id: operation.id,
    kind: typeof a.kind === 'string' ? a.kind : '',
    validateOnly: a.validateOnly === true,
    entityType: typeof a.entityType === 'string' ? a.entityType : '',
    status: (a.status as OperationRow['status']) ?? 'new',
    progress: typeof a.progress === 'number' ? a.progress : 0,
    createdAt: typeof a.createdAt === 'string' ? a.createdAt : null,
    summary: (a.summary as OperationRow['summary']) ?? null,
  };
}

export function isRunning(row: OperationRow): boolean {
  return !FINISHED.has(row.status);
}

/** A finished export has a file to download. */
export function hasFile(row: OperationRow): boolean {
  return row.kind === 'export' && row.status === 'success';
}

export function hasErrors(row: OperationRow): boolean {
  return (row.summary?.errorCount ?? 0) > 0;
}

/** Where the file of an export is served. */
export function filePath(id: string): string {
  return `/asyncoperations/${encodeURIComponent(id)}/file`;
}
