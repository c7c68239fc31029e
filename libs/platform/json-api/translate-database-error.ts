import { isDatabaseUnavailable } from '../database/database-unavailable';
import { NUL_CHARACTER_DETAIL } from '../database/nul-character';
import { BusinessRuleViolation } from '../errors/business-rule-violation';
import { Constraint, ConstraintMessage } from '../errors/constraint';
import { DATABASE_RETRY_AFTER_SECONDS, JsonApiException } from './json-api-exception';
import { type ResourceDefinition, columnName } from './resource-definition';

/** Where a refusal of a write points: the record's place in the body (`/data`, `/included/2`) and its resource. */
export interface WriteContext {
  pointer?: string;
  resource?: ResourceDefinition;
}

/**
 * Business-rule refusals of module commands, and constraint violations the database reports on a write, become the
 * client's 400/409 with Oro's constraint title and a detail that says what clashed; a database that cannot be reached
 * is a 503 the client may retry; anything else stays an internal error.
 */
export function translateDatabaseError(error: unknown, context: WriteContext = {}): unknown {
  const base = context.pointer ?? '/data';
  if (error instanceof JsonApiException) return error;
  if (error instanceof BusinessRuleViolation) {
    const { attribute, relationship, pointer, conflict, forbidden, constraint } = error.about;
    const at = pointer ?? (attribute ? `${base}/attributes/${attribute}` : relationship ? `${base}/relationships/${relationship}/data` : undefined);
    const source = at ? { pointer: at } : undefined;
    if (forbidden) return JsonApiException.forbidden(error.message, source);
    if (conflict) return JsonApiException.of(409, constraint ?? Constraint.CONFLICT, error.message, source);
    return JsonApiException.badRequest(constraint ?? Constraint.FORM, error.message, source);
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  const e = error as { code?: string; constraint?: string; table?: string; detail?: string; column?: string };
  switch (e.code) {
    case '23505': {
      // A unique key of the table: Oro's UniqueEntity answer, at the first attribute among the key's columns.
      const resource = context.resource;
      const attribute = resource ? keyColumns(e.detail).map((column) => attributeOfColumn(resource, column)).find(Boolean) : undefined;
      return JsonApiException.badRequest(Constraint.UNIQUE_ENTITY, 'This value is already used.', attribute ? { pointer: `${base}/attributes/${attribute}` } : undefined);
    }
    case '23503':
      return JsonApiException.conflict(
        e.detail?.includes('is still referenced')
          ? `The record is still referenced${e.table ? ` by ${e.table.replace(/_/g, ' ')} records` : ''}.`
          : 'A related record does not exist.',
      );
    // Two concurrent writes locked the same records in opposite orders (or could not be serialized): one of them is
    // refused as a whole and can simply be sent again.
    case '40P01':
    case '40001':
      return JsonApiException.conflict('The records were changed by a concurrent request; please send the request again.');
    case '23502': {
      const attribute = context.resource && e.column ? attributeOfColumn(context.resource, e.column) : undefined;
      return JsonApiException.badRequest(Constraint.NOT_NULL, ConstraintMessage.NOT_NULL, attribute ? { pointer: `${base}/attributes/${attribute}` } : undefined);
    }
    case '22001':
      return JsonApiException.badRequest(Constraint.LENGTH, 'This value is too long.');
    case '22003':
      return JsonApiException.badRequest(Constraint.RANGE, 'This value is out of range.');
    case '23514':
    case '22007':
    case '22008':
      return JsonApiException.badRequest(Constraint.FORM, ConstraintMessage.NOT_VALID);
    // Text the database cannot hold (U+0000 in text or jsonb), should any reach it past the input checks.
    case '22021':
    case '22P05':
      return JsonApiException.badRequest(Constraint.FORM, NUL_CHARACTER_DETAIL);
    default:
      return error;
  }
}

export function databaseUnavailable(): JsonApiException {
  return JsonApiException.serviceUnavailable('The database cannot be reached at the moment. Please try again later.', DATABASE_RETRY_AFTER_SECONDS);
}

/** `Key (organization_id, lower(email::text))=(…) already exists.` → `organization_id`, `email`. */
function keyColumns(detail: string | undefined): string[] {
  const match = /^Key \((.*?)\)=\(/.exec(detail ?? '');
  if (!match) return [];
  return match[1].split(',').map((column) => column.trim().replace(/^lower\(/, '').replace(/::\w+\)?$/, '').replace(/\)$/, '').replace(/"/g, ''));
}

function attributeOfColumn(resource: ResourceDefinition, column: string | undefined): string | undefined {
  if (!column) return undefined;
  return Object.entries(resource.attributes).find(([name, a]) => !a.expression && (a.column ?? columnName(name)) === column)?.[0];
}
