import { NUL_CHARACTER_DETAIL, containsNulCharacter } from '../../database/nul-character';
import { Constraint, ConstraintMessage } from '../../errors/constraint';
import { isIsoDate } from '../calendar-date';
import { JsonApiErrorObject, JsonApiException } from '../json-api-exception';
import { type AttributeDefinition, type RelationshipDefinition, type ResourceDefinition, isResourceId, targetTypesOf } from '../resource-definition';
import type { ResourceLookup } from '../query/list-query';
import type { ResourceInput } from '../resource-input';

const DEFAULT_MAX_STRING = 255;
const MAX_TEXT = 65_535;

export type { ResourceInput };

/**
 * Validates a JSON:API create or update body against the resource: type and id, known fields only, types, required
 * values. Read-only fields are silently ignored. Every problem is reported, each with a pointer.
 */
/** Maps a temporary id of a batch (a record created earlier in the same request) to the stored id. */
export type TemporaryIds = (type: string, id: string) => string | undefined;

export function parseResourceBody(
  body: unknown,
  resource: ResourceDefinition,
  mode: 'create' | 'update',
  urlId?: string,
  pointerBase = '/data',
  temporaryIds?: TemporaryIds,
  lookup?: ResourceLookup,
): ResourceInput {
  const errors: JsonApiErrorObject[] = [];
  const data = isObject(body) ? body.data : undefined;
  if (!isObject(body) || !isObject(data)) {
    throw JsonApiException.badRequest('request data constraint', 'The primary data object should exist.', { pointer: pointerBase });
  }
  if (data.type !== resource.type) {
    throw JsonApiException.of(409, 'conflict constraint', `The entity type should be "${resource.type}".`, { pointer: `${pointerBase}/type` });
  }
  if (mode === 'update' && String(data.id ?? '') !== urlId) {
    throw JsonApiException.of(409, 'conflict constraint', 'The entity identifier does not match the identifier in the URL.', {
      pointer: `${pointerBase}/id`,
    });
  }
  if (data.id !== undefined && typeof data.id !== 'string') errors.push(invalid(`${pointerBase}/id`, 'The identifier should be a string.'));
  for (const key of Object.keys(data)) {
    if (!['type', 'id', 'attributes', 'relationships', 'meta', 'links'].includes(key)) errors.push(extraField(`${pointerBase}/${key}`, key));
  }
  const attributes = parseAttributes(data.attributes, resource, mode, `${pointerBase}/attributes`, errors);
  const relationshipTypes: Record<string, string> = {};
  const relationships = parseRelationships(data.relationships, resource, mode, `${pointerBase}/relationships`, errors, temporaryIds, lookup, relationshipTypes);
  const upsert = parseUpsert(body.meta, resource, errors);
  if (errors.length > 0) throw new JsonApiException(errors);
  return {
    ...(typeof data.id === 'string' ? { id: data.id } : {}),
    attributes,
    relationships,
    ...(Object.keys(relationshipTypes).length ? { relationshipTypes } : {}),
    ...(upsert ? { upsert } : {}),
  };
}

function parseAttributes(raw: unknown, resource: ResourceDefinition, mode: string, pointer: string, errors: JsonApiErrorObject[]) {
  const values: Record<string, unknown> = {};
  if (raw !== undefined && !isObject(raw)) {
    errors.push(invalid(pointer, 'The "attributes" property should be an object.'));
    return values;
  }
  const given = (raw ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(given)) {
    const attribute = resource.attributes[name];
    if (!attribute) errors.push(extraField(`${pointer}/${name}`, name));
    else if (!attribute.readOnly) {
      const checked = checkValue(value, attribute);
      const problem = isProblem(checked) ? checked : value !== null ? declaredProblem(value, attribute) : null;
      if (problem) errors.push({ status: '400', title: problem.constraint, detail: problem.detail, source: { pointer: `${pointer}/${name}` } });
      else values[name] = checked;
    }
  }
  for (const name of requiredOf(resource).attributes) {
    const missing = mode === 'create' ? !(name in values) || isBlank(values[name]) : name in values && isBlank(values[name]);
    if (missing && !errors.some((e) => e.source?.pointer === `${pointer}/${name}`)) {
      errors.push({ status: '400', title: Constraint.NOT_BLANK, detail: ConstraintMessage.NOT_BLANK, source: { pointer: `${pointer}/${name}` } });
    }
  }
  return values;
}

/**
 * The attributes a write must not leave blank and the relationships it must not leave empty, worked out once per
 * resource (a CSV import parses thousands of records of one resource).
 */
const REQUIRED = new WeakMap<ResourceDefinition, { attributes: string[]; relationships: Array<[string, RelationshipDefinition]> }>();

function requiredOf(resource: ResourceDefinition) {
  let required = REQUIRED.get(resource);
  if (!required) {
    required = {
      attributes: Object.entries(resource.attributes).filter(([, a]) => a.required && !a.readOnly).map(([name]) => name),
      relationships: Object.entries(resource.relationships ?? {}).filter(([, r]) => (r.required || r.notNull) && !r.readOnly),
    };
    REQUIRED.set(resource, required);
  }
  return required;
}

function parseRelationships(
  raw: unknown,
  resource: ResourceDefinition,
  mode: string,
  pointer: string,
  errors: JsonApiErrorObject[],
  temporaryIds?: TemporaryIds,
  lookup?: ResourceLookup,
  types: Record<string, string> = {},
) {
  const values: Record<string, string | null | string[]> = {};
  if (raw !== undefined && !isObject(raw)) {
    errors.push(invalid(pointer, 'The "relationships" property should be an object.'));
    return values;
  }
  for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const relationship = resource.relationships?.[name];
    if (!relationship) {
      errors.push(extraField(`${pointer}/${name}`, name));
      continue;
    }
    if (relationship.readOnly) continue;
    const data = isObject(value) ? value.data : undefined;
    const parsed = parseLinkage(data, targetTypesOf(relationship), relationship.cardinality, isObject(value) && 'data' in value, temporaryIds, lookup);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) errors.push(invalid(`${pointer}/${name}/data`, parsed.error, parsed.constraint ?? Constraint.RELATIONSHIP));
    else {
      values[name] = parsed;
      if (relationship.polymorphic && isObject(data)) types[name] = String(data.type);
    }
  }
  for (const [name, relationship] of requiredOf(resource).relationships) {
    const missing = mode === 'create' && relationship.required ? !(name in values) || values[name] === null : name in values && values[name] === null;
    if (missing) {
      errors.push({ status: '400', title: Constraint.NOT_BLANK, detail: ConstraintMessage.NOT_BLANK, source: { pointer: `${pointer}/${name}/data` } });
    }
  }
  return values;
}

/** Resource linkage of a relationship body: `{type, id}` or null for to-one, a list of them for to-many. */
export function parseLinkage(
  data: unknown,
  types: string | readonly string[],
  cardinality: 'one' | 'many',
  present = true,
  temporaryIds?: TemporaryIds,
  lookup?: ResourceLookup,
): string | null | string[] | LinkageProblem {
  if (!present) return { error: "The 'data' property is required." };
  const accepted = typeof types === 'string' ? [types] : types;
  const identifier = (item: unknown): string | LinkageProblem => {
    if (!isObject(item) || typeof item.id !== 'string' || typeof item.type !== 'string') return { error: 'Each item should be an object with "type" and "id" strings.' };
    const type = item.type;
    if (!accepted.includes(type)) return { error: `The type should be ${accepted.map((t) => `"${t}"`).join(' or ')}.`, constraint: Constraint.ENTITY_TYPE };
    const id = temporaryIds?.(type, item.id) ?? item.id;
    // An id that cannot be one of the target's is a record that does not exist (as an unknown number is).
    if (!isResourceId(lookup?.(type), id)) return { error: ConstraintMessage.ENTITY_NOT_FOUND, constraint: Constraint.FORM };
    return id;
  };
  if (cardinality === 'one') {
    if (data === null) return null;
    return identifier(data);
  }
  if (!Array.isArray(data)) return { error: "The 'data' property should be an array." };
  const ids: string[] = [];
  for (const item of data) {
    const id = identifier(item);
    if (typeof id !== 'string') return id;
    // Duplicates are kept: a command may need to refuse them (storing a relationship ignores them).
    ids.push(id);
  }
  return ids;
}

/** Why a relationship's linkage is not acceptable, and the constraint it breaks (default: relationship constraint). */
export interface LinkageProblem {
  error: string;
  constraint?: string;
}

function parseUpsert(meta: unknown, resource: ResourceDefinition, errors: JsonApiErrorObject[]): true | string[] | undefined {
  if (!isObject(meta) || meta.upsert === undefined || meta.upsert === false) return undefined;
  if (meta.upsert === true) return true;
  if (Array.isArray(meta.upsert) && meta.upsert.length > 0 && meta.upsert.every((f) => typeof f === 'string' && resource.attributes[f])) {
    return meta.upsert as string[];
  }
  errors.push(invalid('/meta/upsert', 'The upsert option should be true or a list of attribute names.', 'value constraint'));
  return undefined;
}

/** Why a value is refused: Oro's constraint title and message. */
interface ValueProblem {
  problem: true;
  constraint: string;
  detail: string;
}

function refuse(constraint: string, detail: string): ValueProblem {
  return { problem: true, constraint, detail };
}

function isProblem(value: unknown): value is ValueProblem {
  return typeof value === 'object' && value !== null && (value as ValueProblem).problem === true;
}

/**
 * The SQL-ready value of an attribute, or why it is not acceptable, titled as Oro titles it: a value its form cannot
 * read is a `form constraint` ("This value is not valid."), a number given as something else a `type constraint`,
 * then Symfony's `length`, `choice`, `range`, `email` constraints.
 */
function checkValue(value: unknown, attribute: AttributeDefinition): unknown {
  if (value === null) return null;
  switch (attribute.type) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') return refuse(Constraint.TYPE, ConstraintMessage.ofType('string'));
      if (containsNulCharacter(value)) return refuse(Constraint.FORM, NUL_CHARACTER_DETAIL);
      const max = attribute.maxLength ?? (attribute.type === 'string' ? DEFAULT_MAX_STRING : MAX_TEXT);
      if (value.length > max) return refuse(Constraint.LENGTH, ConstraintMessage.tooLong(max));
      // An empty string of a required attribute is "not blank"'s to report, not the minimum length's.
      if (attribute.minLength && value.length < attribute.minLength && !(attribute.required && value.trim() === '')) {
        return refuse(Constraint.LENGTH, ConstraintMessage.tooShort(attribute.minLength));
      }
      return value;
    }
    case 'integer':
      return Number.isSafeInteger(value) ? value : refuse(Constraint.FORM, ConstraintMessage.NOT_VALID);
    case 'decimal':
    case 'money': {
      const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
      if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) return refuse(Constraint.TYPE, ConstraintMessage.ofType('numeric'));
      return /^-?\d{1,15}(\.\d{1,4})?$/.test(text) ? text : refuse(Constraint.RANGE, 'This value should have at most 15 digits before and 4 after the decimal point.');
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : refuse(Constraint.FORM, ConstraintMessage.NOT_VALID);
    case 'datetime': {
      // The day must exist (Date.parse rolls 02-30 over into March), and so must the instant's year in UTC.
      const ok =
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
        isIsoDate(value.slice(0, 10)) &&
        new Date(value).getUTCFullYear() >= 1;
      return ok ? new Date(value as string).toISOString() : refuse(Constraint.FORM, `The "${echo(value)}" is not valid datetime.`);
    }
    case 'date': {
      const ok = typeof value === 'string' && isIsoDate(value);
      return ok ? value : refuse(Constraint.FORM, `The "${echo(value)}" is not valid date.`);
    }
    case 'enum':
      return typeof value === 'string' && attribute.values?.includes(value) ? value : refuse(Constraint.CHOICE, ConstraintMessage.CHOICE);
    case 'json':
      if (typeof value !== 'object') return refuse(Constraint.FORM, ConstraintMessage.NOT_VALID);
      return containsNulCharacter(value) ? refuse(Constraint.FORM, NUL_CHARACTER_DETAIL) : JSON.stringify(value);
  }
}

/** The declared checks of a well-typed value: `email`, `range`, then the attribute's own `validate`. */
function declaredProblem(value: unknown, attribute: AttributeDefinition): ValueProblem | null {
  if (attribute.email && !EMAIL.test(String(value))) return refuse(Constraint.EMAIL, ConstraintMessage.EMAIL);
  if (attribute.range) {
    const detail = rangeProblem(Number(value), attribute.range);
    if (detail) return refuse(Constraint.RANGE, detail);
  }
  const own = attribute.validate?.(value);
  if (!own) return null;
  return typeof own === 'string' ? refuse(Constraint.FORM, own) : refuse(own.constraint, own.detail);
}

/** Symfony's Range messages. */
function rangeProblem(n: number, { min, max }: { min?: number; max?: number }): string | null {
  if ((min === undefined || n >= min) && (max === undefined || n <= max)) return null;
  if (min !== undefined && max !== undefined) return `This value should be between ${min} and ${max}.`;
  return min !== undefined ? `This value should be ${min} or more.` : `This value should be ${max} or less.`;
}

/** What Symfony's Email constraint (loose mode) accepts: something@something.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function echo(value: unknown): string {
  return (typeof value === 'string' ? value : JSON.stringify(value) ?? '').slice(0, 100);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function extraField(pointer: string, name: string): JsonApiErrorObject {
  return { status: '400', title: Constraint.EXTRA_FIELDS, detail: `This form should not contain extra fields: "${name}".`, source: { pointer } };
}

export function invalid(pointer: string, detail: string, title: string = Constraint.FORM): JsonApiErrorObject {
  return { status: '400', title, detail, source: { pointer } };
}
