import { BusinessRuleViolation, Constraint } from '../../platform';

type Fields = Record<string, { required: boolean; max?: number }>;

/**
 * The string fields of an action's body, at `/data/attributes` (`{"data":{"type":…,"attributes":{…}}}`) or at `/meta`
 * (`{"meta":{…}}`). A field that is not a string, a required one missing or blank, or one the action does not know,
 * is 400 with its pointer (nothing a client sends is ignored).
 */
export function readFields(body: unknown, where: 'attributes' | 'meta', type: string | null, fields: Fields): Record<string, string | undefined> {
  const root = isObject(body) ? body : {};
  let values: unknown;
  let base: string;
  if (where === 'meta') {
    values = root.meta;
    base = '/meta';
  } else {
    const data = root.data;
    if (!isObject(data)) throw BusinessRuleViolation.of(Constraint.REQUEST_DATA, 'The primary data object should exist.', { pointer: '/data' });
    if (data.type !== type) throw BusinessRuleViolation.of(Constraint.ENTITY_TYPE, `The type should be "${type}".`, { pointer: '/data/type' });
    for (const key of Object.keys(data)) {
      if (!['type', 'attributes', 'relationships'].includes(key)) throw BusinessRuleViolation.of(Constraint.EXTRA_FIELDS, 'This value should not be sent.', { pointer: `/data/${key}` });
    }
    values = data.attributes;
    base = '/data/attributes';
  }
  if (!isObject(values)) throw BusinessRuleViolation.of(Constraint.REQUEST_DATA, 'The object should exist.', { pointer: base });
  for (const key of Object.keys(values)) {
    if (!(key in fields)) throw BusinessRuleViolation.of(Constraint.EXTRA_FIELDS, `This form should not contain extra fields: "${key.slice(0, 50)}".`, { pointer: `${base}/${key}` });
  }
  const result: Record<string, string | undefined> = {};
  for (const [name, rule] of Object.entries(fields)) {
    const value = values[name];
    const pointer = `${base}/${name}`;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (rule.required) throw BusinessRuleViolation.of(Constraint.NOT_BLANK, 'This value should not be blank.', { pointer });
      continue;
    }
    if (typeof value !== 'string' || value.includes('\u0000')) throw BusinessRuleViolation.of(Constraint.FORM, 'This value should be of type string.', { pointer });
    if (rule.max !== undefined && [...value].length > rule.max) {
      throw BusinessRuleViolation.of(Constraint.LENGTH, `This value is too long. It should have ${rule.max} characters or less.`, { pointer });
    }
    result[name] = value;
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The ids of a to-many relationship of an action's `data` (`relationships.<name>.data`: identifiers of `type`); any
 * other relationship, or a malformed one, is 400 with its pointer. Absent: none.
 */
export function readRelationshipIds(body: unknown, allowed: Record<string, string>): Record<string, string[]> {
  const data = isObject(body) && isObject(body.data) ? body.data : {};
  const relationships = data.relationships ?? {};
  if (!isObject(relationships)) throw BusinessRuleViolation.of(Constraint.REQUEST_DATA, 'The relationships should be an object.', { pointer: '/data/relationships' });
  const result: Record<string, string[]> = Object.fromEntries(Object.keys(allowed).map((name) => [name, []]));
  for (const [name, value] of Object.entries(relationships)) {
    const pointer = `/data/relationships/${name}/data`;
    if (!(name in allowed)) throw BusinessRuleViolation.of(Constraint.EXTRA_FIELDS, `This form should not contain extra fields: "${name.slice(0, 50)}".`, { pointer: `/data/relationships/${name}` });
    const linkage = isObject(value) ? value.data : undefined;
    const valid = Array.isArray(linkage) && linkage.every((item) => isObject(item) && item.type === allowed[name] && typeof item.id === 'string' && /^\d{1,18}$/.test(item.id));
    if (!valid) throw BusinessRuleViolation.of(Constraint.REQUEST_DATA, `The value should be a list of "${allowed[name]}" identifiers.`, { pointer });
    result[name] = (linkage as Array<{ id: string }>).map((item) => item.id);
  }
  return result;
}
