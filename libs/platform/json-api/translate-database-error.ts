import { NUL_CHARACTER_DETAIL } from '../database/nul-character';
import { BusinessRuleViolation } from '../errors/business-rule-violation';
import { JsonApiException } from './json-api-exception';

/**
 * Business-rule refusals of module commands, and constraint violations the database reports on a write, become the
 * client's 400/409 with a detail that says what clashed; anything else stays an internal error.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof JsonApiException) return error;
  if (error instanceof BusinessRuleViolation) {
    const { attribute, relationship, conflict, forbidden, constraint } = error.about;
    const pointer = attribute ? `/data/attributes/${attribute}` : relationship ? `/data/relationships/${relationship}/data` : undefined;
    const source = pointer ? { pointer } : undefined;
    if (forbidden) return JsonApiException.forbidden(error.message, source);
    return conflict ? JsonApiException.conflict(error.message, source) : JsonApiException.badRequest(constraint ?? 'form constraint', error.message, source);
  }
  const e = error as { code?: string; constraint?: string; table?: string; detail?: string };
  switch (e.code) {
    case '23505':
      return JsonApiException.conflict('The entity already exists.' + (e.constraint ? ` (unique constraint ${e.constraint})` : ''));
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
    case '23514':
    case '23502':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return JsonApiException.badRequest('form constraint', 'This value is not valid.');
    // Text the database cannot hold (U+0000 in text or jsonb), should any reach it past the input checks.
    case '22021':
    case '22P05':
      return JsonApiException.badRequest('form constraint', NUL_CHARACTER_DETAIL);
    default:
      return error;
  }
}
