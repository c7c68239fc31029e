import type { JsonApiErrorObject } from './json-api-client';

export interface PlacedErrors {
  /** Messages per attribute or relationship name. */
  fields: Record<string, string[]>;
  /** Messages that belong to no field (shown above the form). */
  general: string[];
}

/** The field an error's `source.pointer` names: `/data/attributes/name` → name, `/data/relationships/owner/data` → owner. */
export function fieldOfPointer(pointer: string | undefined): string | null {
  const match = /^\/data\/(?:attributes|relationships)\/([^/]+)/.exec(pointer ?? '');
  return match ? match[1].replace(/~1/g, '/').replace(/~0/g, '~') : null;
}

/** Places each error of an error document on its field, or among the general messages. */
export function placeErrors(errors: readonly JsonApiErrorObject[], knownFields: ReadonlySet<string>): PlacedErrors {
  const placed: PlacedErrors = { fields: {}, general: [] };
  for (const error of errors) {
    const message = error.detail ?? error.title ?? 'Error';
    const field = fieldOfPointer(error.source?.pointer);
    if (field && knownFields.has(field)) (placed.fields[field] ??= []).push(message);
    else placed.general.push(field ? `${field}: ${message}` : message);
  }
  return placed;
}
