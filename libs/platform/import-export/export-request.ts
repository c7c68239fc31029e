import { Constraint, ConstraintMessage } from '../errors/constraint';
import { type JsonApiErrorObject, JsonApiException } from '../json-api/json-api-exception';

/** What `POST /admin/api/exports` asks for: a type and its list query (`filter[…]`, `sort`) as a query string. */
export interface ExportRequest {
  entityType: string;
  query: string;
}

type FilterValue = string | number | boolean;

/**
 * Reads the body of `POST /admin/api/exports`: `{"data":{"type":"exports","attributes":{"entityType":"customers",
 * "filter":{"name":{"starts_with":"A"},"group":"3"},"sort":"-name"}}}`. `filter` says in JSON what the list route's
 * `filter[…]` parameters say (a field's value, a list of values, or operator → value), `sort` is the list's `sort`.
 * Every problem is a 400 naming its pointer; the filter's own checks are the list engine's (`fromListError`).
 */
export function parseExportRequest(body: unknown): ExportRequest {
  const data = isObject(body) ? body.data : undefined;
  if (!isObject(body) || !isObject(data)) throw JsonApiException.badRequest(Constraint.REQUEST_DATA, 'The primary data object should exist.', { pointer: '/data' });
  if (data.type !== 'exports') throw JsonApiException.conflict('The entity type should be "exports".', { pointer: '/data/type' });
  const errors: JsonApiErrorObject[] = [];
  for (const key of Object.keys(data)) if (!['type', 'attributes'].includes(key)) errors.push(extraField(`/data/${key}`, key));
  const attributes = isObject(data.attributes) ? data.attributes : {};
  for (const key of Object.keys(attributes)) if (!['entityType', 'filter', 'sort'].includes(key)) errors.push(extraField(`/data/attributes/${key}`, key));
  const { entityType, filter = {}, sort } = attributes;
  if (typeof entityType !== 'string' || entityType === '') errors.push(invalid(Constraint.NOT_BLANK, ConstraintMessage.NOT_BLANK, '/data/attributes/entityType'));
  if (sort !== undefined && typeof sort !== 'string') errors.push(invalid(Constraint.TYPE, ConstraintMessage.ofType('string'), '/data/attributes/sort'));
  const parameters: string[] = [];
  if (!isObject(filter)) errors.push(invalid(Constraint.TYPE, ConstraintMessage.ofType('object'), '/data/attributes/filter'));
  else {
    for (const [field, value] of Object.entries(filter)) {
      const pointer = `/data/attributes/filter/${field}`;
      const operators = isObject(value) ? Object.entries(value) : [[null, value] as const];
      for (const [operator, operand] of operators) {
        const text = filterText(operand);
        if (text === null) errors.push(invalid(Constraint.FILTER, 'A filter value is a string, a number, a boolean or a list of them.', operator ? `${pointer}/${operator}` : pointer));
        else parameters.push(`filter[${encodeURIComponent(field)}]${operator ? `[${encodeURIComponent(operator)}]` : ''}=${encodeURIComponent(text)}`);
      }
    }
  }
  if (errors.length > 0) throw new JsonApiException(errors);
  if (typeof sort === 'string' && sort !== '') parameters.push(`sort=${encodeURIComponent(sort)}`);
  return { entityType: entityType as string, query: parameters.join('&') };
}

/** The list engine's refusal of the query, its parameters named as the body's pointers (`filter[name][gt]` → `/data/attributes/filter/name/gt`). */
export function fromListError(error: unknown): unknown {
  if (!(error instanceof JsonApiException)) return error;
  return new JsonApiException(
    error.errors.map(({ source, ...rest }) => {
      const parameter = source?.parameter;
      if (!parameter || !/^(filter|sort)\b/.test(parameter)) return { ...rest, ...(source ? { source } : {}) };
      const path = parameter.replace(/\]/g, '').split('[').map(encodePointer).join('/');
      return { ...rest, source: { pointer: `/data/attributes/${path}` } };
    }),
    error.headers,
  );
}

function filterText(value: unknown): string | null {
  if (Array.isArray(value)) return value.length > 0 && value.every(isScalar) ? value.map(String).join(',') : null;
  return isScalar(value) ? String(value) : null;
}

function isScalar(value: unknown): value is FilterValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function encodePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function extraField(pointer: string, name: string): JsonApiErrorObject {
  return { status: '400', title: Constraint.EXTRA_FIELDS, detail: `This form should not contain extra fields: "${name}".`, source: { pointer } };
}

function invalid(title: string, detail: string, pointer: string): JsonApiErrorObject {
  return { status: '400', title, detail, source: { pointer } };
}
