import type { OpenApiDocument } from '../api/resource-model';

/**
 * The settings sections of the loaded modules, read from the served OpenAPI document (`/admin/api/settings/{name}`):
 * each field's kind, bounds and description come from the section's schema, so a module's new setting needs no
 * console change.
 */
export type SettingKind = 'boolean' | 'enum' | 'number' | 'text' | 'numberMap' | 'json' | 'progress';

export interface SettingField {
  name: string;
  kind: SettingKind;
  description?: string;
  /** Read-only values the server computes (the progress of background work); never sent back. */
  readOnly: boolean;
  /** Null is a valid value (an empty text input means null). */
  nullable: boolean;
  enumValues: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** For `numberMap`: its keys, in the schema's order. */
  keys: string[];
}

export interface SettingsSectionModel {
  name: string;
  description: string;
  fields: SettingField[];
}

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; anyOf?: Schema[] };

const PREFIX = '/admin/api/settings/';

function types(schema: Schema): string[] {
  return ([] as unknown[]).concat(schema.type ?? []).filter((t): t is string => typeof t === 'string');
}

function fieldOf(name: string, raw: Schema): SettingField {
  const variants = raw.anyOf ?? [raw];
  const nullable = variants.some((v) => types(v).includes('null')) || types(raw).includes('null');
  const schema = variants.find((v) => !types(v).includes('null') || types(v).length > 1) ?? raw;
  const type = types(schema).filter((t) => t !== 'null')[0];
  const properties = schema.properties ?? {};
  const base = { name, description: typeof raw.description === 'string' ? raw.description : undefined, readOnly: raw.readOnly === true, nullable, enumValues: [] as string[], keys: [] as string[] };
  if (base.readOnly && type === 'object' && properties.done && properties.total) return { ...base, kind: 'progress' };
  if (Array.isArray(schema.enum)) return { ...base, kind: 'enum', enumValues: schema.enum.filter((v): v is string => typeof v === 'string') };
  if (type === 'boolean') return { ...base, kind: 'boolean' };
  if (type === 'number' || type === 'integer') return { ...base, kind: 'number', minimum: schema.minimum as number | undefined, maximum: schema.maximum as number | undefined };
  if (type === 'string') return { ...base, kind: 'text', pattern: typeof schema.pattern === 'string' ? schema.pattern : undefined };
  const values = Object.values(properties);
  if (type === 'object' && values.length > 0 && values.every((v) => ['number', 'integer'].includes(types(v)[0]))) {
    return { ...base, kind: 'numberMap', keys: Object.keys(properties), minimum: values[0].minimum as number | undefined, maximum: values[0].maximum as number | undefined };
  }
  return { ...base, kind: 'json' };
}

export function settingsSections(document: OpenApiDocument): SettingsSectionModel[] {
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith(PREFIX) && !path.slice(PREFIX.length).includes('/'))
    .map(([path, item]) => {
      const get = (item as { get?: { summary?: string; responses?: Record<string, unknown> } }).get;
      const schema = (get?.responses?.['200'] as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/vnd.api+json']?.schema;
      const attributes = schema?.properties?.data?.properties?.attributes?.properties ?? {};
      return {
        name: path.slice(PREFIX.length),
        description: get?.summary ?? '',
        fields: Object.entries(attributes).map(([name, field]) => fieldOf(name, field)),
      };
    });
}

/** The text an input shows for a value. */
export function toInput(field: SettingField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.kind === 'json') return JSON.stringify(value, null, 2);
  return String(value);
}

/** An input's text as the value to send, or a message saying why it cannot be sent. */
export function fromInput(field: SettingField, text: string): { value: unknown } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '' && field.nullable) return { value: null };
  switch (field.kind) {
    case 'number': {
      const n = Number(trimmed);
      if (trimmed === '' || !Number.isFinite(n)) return { error: 'This value should be a number.' };
      if (field.minimum !== undefined && n < field.minimum) return { error: `This value should be ${field.minimum} or more.` };
      if (field.maximum !== undefined && n > field.maximum) return { error: `This value should be ${field.maximum} or less.` };
      return { value: n };
    }
    case 'json':
      try {
        return { value: JSON.parse(trimmed) };
      } catch {
        return { error: 'This value should be valid JSON.' };
      }
    default:
      return { value: trimmed };
  }
}
