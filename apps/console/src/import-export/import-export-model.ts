import { filtersToParameters, type FilterClause } from '../api/filters';
import type { ResourceObject } from '../api/json-api-client';
import type { OpenApiDocument } from '../api/resource-model';

/** What an import's asynchronous operation says while it runs and once it is done. */
export interface ImportState {
  status: 'new' | 'running' | 'failed' | 'success' | 'cancelled';
  progress: number;
  summary: { readCount: number; createCount: number; updateCount: number; errorCount: number } | null;
}

const FINISHED: ReadonlySet<string> = new Set(['success', 'failed', 'cancelled']);

/**
 * The types the served document offers for export and for import (the `{type}` enum of their paths): a deployment
 * without a module has no such type, and one without the import/export routes offers none.
 */
export function importExportTypes(document: OpenApiDocument, prefix = '/admin/api'): { exports: Set<string>; imports: Set<string> } {
  const typesOf = (path: string, method: 'get' | 'post') => {
    const operation = document.paths[path]?.[method] as
      | { parameters?: Array<{ name?: string; schema?: { enum?: unknown[] } }>; requestBody?: { content?: Record<string, { schema?: { properties?: { type?: { enum?: unknown[] } } } }> } }
      | undefined;
    const values = operation?.parameters?.find((p) => p.name === 'type')?.schema?.enum ?? operation?.requestBody?.content?.['multipart/form-data']?.schema?.properties?.type?.enum ?? [];
    return new Set(values.filter((v): v is string => typeof v === 'string'));
  };
  return { exports: typesOf(`${prefix}/exports/{type}`, 'get'), imports: typesOf(`${prefix}/imports`, 'post') };
}

type FilterDocument = Record<string, string | Record<string, string>>;

/**
 * The asynchronous export of a grid (`POST /admin/api/exports`): its filters as the body's `filter` object (the same
 * `filter[field][op]` parameters the list reads, in JSON) and its sort, never its page.
 */
export function exportRequest(type: string, filters: readonly FilterClause[], sort: string | undefined) {
  const filter: FilterDocument = {};
  for (const [name, value] of filtersToParameters(filters)) {
    const [, field, operator] = /^filter\[([^\]]+)\](?:\[([^\]]+)\])?$/.exec(name) ?? [];
    if (!field) continue;
    const current = filter[field];
    if (!operator && current === undefined) filter[field] = value;
    else filter[field] = { ...(typeof current === 'string' ? { eq: current } : current), [operator ?? 'eq']: value };
  }
  return { data: { type: 'exports', attributes: { entityType: type, filter, ...(sort ? { sort } : {}) } } };
}

/** The name the file is saved under when the server names none: `accounts-2026-12-02.csv`. */
export function exportFileName(type: string, serverName: string | null, now: Date): string {
  return serverName ?? `${type}-${now.toISOString().slice(0, 10)}.csv`;
}

/** The upload of an import: the file, its type and whether to only check it. */
export function importForm(type: string, file: Blob, fileName: string, validateOnly: boolean): FormData {
  const form = new FormData();
  form.append('type', type);
  form.append('validateOnly', validateOnly ? 'true' : 'false');
  form.append('file', file, fileName);
  return form;
}

/** An `asyncoperations` resource as the dialog shows it. */
export function importState(operation: ResourceObject): ImportState {
  const attributes = operation.attributes ?? {};
  return {
    status: (attributes.status as ImportState['status']) ?? 'new',
    progress: typeof attributes.progress === 'number' ? attributes.progress : 0,
    summary: (attributes.summary as ImportState['summary']) ?? null,
  };
}

export function isFinished(state: ImportState): boolean {
  return FINISHED.has(state.status);
}

/** Row errors in file order (`Error in row #n. …`): the server lists the rows refused while reading first. */
export function byRow(details: readonly string[]): string[] {
  const row = (detail: string) => Number(/#(\d+)/.exec(detail)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return [...details].sort((a, b) => row(a) - row(b));
}
