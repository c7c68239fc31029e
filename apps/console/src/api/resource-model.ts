import { operatorsFromDescription, type FilterOperator } from './filters';

/**
 * What the console knows about a resource, read from the served OpenAPI document (never hard-coded), so that a
 * renamed attribute or a new relationship needs no console change.
 */
export type AttributeKind = 'string' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'date' | 'enum' | 'json';

export interface AttributeModel {
  name: string;
  kind: AttributeKind;
  enumValues: string[];
  readOnly: boolean;
  /** Required on create. */
  required: boolean;
  creatable: boolean;
  updatable: boolean;
  maxLength?: number;
  description?: string;
  filters: FilterOperator[];
  sortable: boolean;
}

export interface RelationshipModel {
  name: string;
  target: string;
  many: boolean;
  readOnly: boolean;
  required: boolean;
  creatable: boolean;
  updatable: boolean;
  filterable: boolean;
  description?: string;
}

export interface ResourceModel {
  type: string;
  can: { list: boolean; get: boolean; create: boolean; update: boolean; delete: boolean; deleteList: boolean };
  attributes: AttributeModel[];
  relationships: RelationshipModel[];
  idFilters: FilterOperator[];
  /** The server can label records (`meta=title`). */
  hasTitle: boolean;
}

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };
interface Operation {
  parameters?: Array<{ name: string; in: string; description?: string }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation | unknown>>;
  components: { schemas: Record<string, Schema> };
  /** One per resource type; `x-module` names the module that declares it. */
  tags?: Array<{ name: string; 'x-module'?: string }>;
}

const DECIMAL = /\\d/;

function kindOf(schema: Schema): AttributeKind {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (Array.isArray(schema.enum)) return 'enum';
  if (types.includes('object') || types.includes('array')) return 'json';
  if (types.includes('integer')) return 'integer';
  if (types.includes('boolean')) return 'boolean';
  if (schema.format === 'date-time') return 'datetime';
  if (schema.format === 'date') return 'date';
  if (typeof schema.pattern === 'string' && DECIMAL.test(schema.pattern)) return 'decimal';
  return 'string';
}

function targetOf(linkage: Schema): { target: string; many: boolean } {
  const data = linkage.properties?.data ?? {};
  const items = data.items as Schema | undefined;
  const identifier = items ?? ((data.anyOf as Schema[] | undefined) ?? []).find((s) => s.properties?.type);
  const target = (identifier?.properties?.type as { const?: string } | undefined)?.const ?? '';
  return { target, many: Boolean(items) };
}

/** The resource types that have a list route on the back-office API, from the document's paths. */
export function listedTypes(document: OpenApiDocument, prefix = '/admin/api'): string[] {
  return Object.keys(document.paths)
    .map((path) => new RegExp(`^${prefix}/([a-z0-9]+)$`).exec(path)?.[1])
    .filter((type): type is string => Boolean(type && document.components.schemas[`${type}Attributes`] && document.paths[`${prefix}/${type}`]?.get));
}

/** The module that declares each resource type (from the tags' `x-module`; a server that does not say gives none). */
export function modulesOf(document: OpenApiDocument): Map<string, string> {
  return new Map((document.tags ?? []).flatMap((tag) => (tag['x-module'] ? [[tag.name, tag['x-module']] as [string, string]] : [])));
}

export function resourceModel(document: OpenApiDocument, type: string, prefix = '/admin/api'): ResourceModel | null {
  const schemas = document.components.schemas;
  const attributesSchema = schemas[`${type}Attributes`];
  if (!attributesSchema) return null;
  const collection = (document.paths[`${prefix}/${type}`] ?? {}) as Record<string, Operation>;
  const single = (document.paths[`${prefix}/${type}/{id}`] ?? {}) as Record<string, Operation>;
  const list = collection.get;
  const parameter = (name: string) => list?.parameters?.find((p) => p.name === name);
  const sortable = new Set(
    (/Sortable:(.*)$/.exec(parameter('sort')?.description ?? '')?.[1] ?? '').match(/`([^`]+)`/g)?.map((s) => s.slice(1, -1)) ?? [],
  );
  const createSchema = schemas[`${type}CreateResource`];
  const updateSchema = schemas[`${type}UpdateResource`];
  const writable = (schema: Schema | undefined, part: 'attributes' | 'relationships') => schema?.properties?.[part] as Schema | undefined;
  const createAttributes = writable(createSchema, 'attributes');
  const updateAttributes = writable(updateSchema, 'attributes');
  const createRelationships = writable(createSchema, 'relationships');
  const updateRelationships = writable(updateSchema, 'relationships');

  const attributes = Object.entries(attributesSchema.properties ?? {}).map(([name, schema]): AttributeModel => ({
    name,
    kind: kindOf(schema),
    enumValues: Array.isArray(schema.enum) ? (schema.enum as unknown[]).filter((v): v is string => typeof v === 'string') : [],
    readOnly: schema.readOnly === true,
    required: createAttributes?.required?.includes(name) ?? false,
    creatable: Boolean(createAttributes?.properties?.[name]),
    updatable: Boolean(updateAttributes?.properties?.[name]),
    maxLength: typeof schema.maxLength === 'number' ? schema.maxLength : undefined,
    description: typeof schema.description === 'string' ? schema.description : undefined,
    filters: operatorsFromDescription(parameter(`filter[${name}]`)?.description),
    sortable: sortable.has(name),
  }));
  const relationships = Object.entries(schemas[`${type}Relationships`]?.properties ?? {}).map(([name, schema]): RelationshipModel => ({
    name,
    ...targetOf(schema),
    readOnly: schema.readOnly === true,
    required: createRelationships?.required?.includes(name) ?? false,
    creatable: Boolean(createRelationships?.properties?.[name]),
    updatable: Boolean(updateRelationships?.properties?.[name]),
    filterable: Boolean(parameter(`filter[${name}]`)),
    description: typeof schema.description === 'string' ? schema.description : undefined,
  }));
  return {
    type,
    can: {
      list: Boolean(list),
      get: Boolean(single.get),
      create: Boolean(collection.post),
      update: Boolean(single.patch),
      delete: Boolean(single.delete),
      deleteList: Boolean(collection.delete),
    },
    attributes,
    relationships,
    idFilters: operatorsFromDescription(parameter('filter[id]')?.description),
    hasTitle: Boolean(parameter('meta')),
  };
}

/** Names that make a good label or search field for a record, best first. */
const LABEL_NAMES = ['name', 'title', 'label', 'subject', 'email', 'lastName', 'firstName', 'code', 'identifier', 'poNumber'];

/** The attribute to search a type's records by in a picker or a relationship filter (a text one with `contains`). */
export function searchAttribute(model: ResourceModel): AttributeModel | undefined {
  const searchable = model.attributes.filter((a) => a.kind === 'string' && a.filters.includes('contains'));
  return LABEL_NAMES.map((name) => searchable.find((a) => a.name === name)).find(Boolean) ?? searchable[0];
}

/** A readable label of a record: its server title, a name-like attribute, or its id. */
export function recordLabel(record: { id: string; attributes?: Record<string, unknown>; meta?: { title?: string } }): string {
  if (record.meta?.title) return record.meta.title;
  const attributes = record.attributes ?? {};
  const first = attributes.firstName ?? '';
  const last = attributes.lastName ?? '';
  if (first || last) return `${first} ${last}`.trim();
  for (const name of LABEL_NAMES) if (typeof attributes[name] === 'string' && attributes[name]) return attributes[name] as string;
  return `#${record.id}`;
}
