/**
 * Builds the OpenAPI 3.1 description of one API (admin or storefront) from the resource definitions, describing the
 * routes, parameters and documents the shared JSON:API engine serves. Pure: no I/O, deterministic output.
 */
import type { ModuleAction, ModuleEndpoint } from '../modules/module-manifest';
import type { SettingsSection } from '../settings/settings-section';
import { actionPaths, reportAndSettingsPaths } from './report-and-settings-paths';
import { asyncOperationErrorsPath } from './async-operation-errors-path';
import { importExportPaths } from './import-export-paths';
import {
  OPERATOR_SYMBOLS,
  targetTypesOf,
  type ApiName,
  type AttributeDefinition,
  type FilterOperator,
  type RelationshipDefinition,
  type ResourceDefinition,
  type ResourceOperation,
} from '../json-api/resource-definition';
import { API_PREFIX } from '../json-api/api-name';
import { filterFields, type FilterField } from '../json-api/query/filter-fields';
import type { ResourceLookup } from '../json-api/query/list-query';
import {
  documentResponse,
  requestBody,
  responseRef,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiInfo,
  type OpenApiOperation,
  type OpenApiParameter,
  type OpenApiPathItem,
  type HttpMethod,
  type OpenApiResponse,
  type Reference,
} from './openapi-model';

export * from './openapi-model';

const DECIMAL_PATTERN = '^-?\\d+(\\.\\d+)?$';
const DEFAULT_PAGE_SIZE = 10;

/** What the route builders need to know about the document being built. */
interface BuildContext {
  prefix: string;
  /** Types described in this document; related routes to other types fall back to the generic resource schema. */
  listedTypes: ReadonlySet<string>;
  /** Every resource given (the filter table needs the related resources' id types). */
  resolve: ResourceLookup;
  /** The listed resources by type (a to-many's related list takes its target's list parameters). */
  listed: ReadonlyMap<string, ResourceDefinition>;
}

export function buildOpenApiDocument(
  resources: ResourceDefinition[],
  api: ApiName,
  info: OpenApiInfo,
  extras: { endpoints: ModuleEndpoint[]; settings: SettingsSection[]; actions?: ModuleAction[]; importTypes?: string[]; moduleOf?: (type: string) => string | undefined } = { endpoints: [], settings: [] },
): OpenApiDocument {
  const endpoints = extras.endpoints.filter((e) => e.api === api);
  const settings = api === 'admin' ? extras.settings : [];
  const listed = resources.filter((r) => r.apis.includes(api)).sort((a, b) => compare(a.type, b.type));
  const byType = new Map(resources.map((r) => [r.type, r]));
  const context: BuildContext = {
    prefix: API_PREFIX[api],
    listedTypes: new Set(listed.map((r) => r.type)),
    resolve: (type) => byType.get(type),
    listed: new Map(listed.map((r) => [r.type, r])),
  };
  return {
    openapi: '3.1.0',
    info: copyInfo(info),
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [
      ...listed.map((resource) => tagFor(resource, extras.moduleOf?.(resource.type))),
      ...(endpoints.length > 0 ? [{ name: 'reports', description: 'Reports of the loaded modules (not resources).' }] : []),
      ...(settings.length > 0 ? [{ name: 'settings', description: 'Organization settings, one section per module.' }] : []),
    ],
    paths: mergePaths(
      ...listed.map((r) => resourcePaths(r, context)),
      reportAndSettingsPaths(context.prefix, endpoints, settings),
      actionPaths(context.prefix, (extras.actions ?? []).filter((a) => a.api === api)),
      context.listedTypes.has('asyncoperations') ? asyncOperationErrorsPath(context.prefix) : {},
      context.listedTypes.has('asyncoperations') && extras.importTypes?.length ? importExportPaths(context.prefix, extras.importTypes) : {},
    ) as Record<string, OpenApiPathItem>,
    components: {
      schemas: Object.assign(sharedSchemas(), ...listed.map(resourceSchemas)) as Record<string, JsonSchema>,
      responses: errorResponses(),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Naming

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Naive English singular of a plural type, good enough for readable operation ids. */
export function singularOf(type: string): string {
  if (type.endsWith('ies')) return `${type.slice(0, -3)}y`;
  if (type.endsWith('sses')) return type.slice(0, -2);
  if (type.endsWith('s')) return type.slice(0, -1);
  return type;
}

function schemaRef(name: string): Reference {
  return { $ref: `#/components/schemas/${name}` };
}


const schemaName = {
  attributes: (type: string) => `${type}Attributes`,
  relationships: (type: string) => `${type}Relationships`,
  resource: (type: string) => `${type}Resource`,
  document: (type: string) => `${type}Document`,
  collectionDocument: (type: string) => `${type}CollectionDocument`,
  createResource: (type: string) => `${type}CreateResource`,
  updateResource: (type: string) => `${type}UpdateResource`,
  createDocument: (type: string) => `${type}CreateDocument`,
  updateDocument: (type: string) => `${type}UpdateDocument`,
  batchDocument: (type: string) => `${type}BatchDocument`,
};

function copyInfo(info: OpenApiInfo): OpenApiInfo {
  const copy: OpenApiInfo = { title: info.title, version: info.version };
  if (info.description !== undefined) copy.description = info.description;
  return copy;
}

function tagFor(resource: ResourceDefinition, module: string | undefined): { name: string; description?: string; 'x-module'?: string } {
  return {
    name: resource.type,
    ...(resource.description === undefined ? {} : { description: resource.description }),
    ...(module === undefined ? {} : { 'x-module': module }),
  };
}

function offers(resource: ResourceDefinition, operation: ResourceOperation): boolean {
  return resource.operations === undefined || resource.operations.includes(operation);
}

function writableAttributes(resource: ResourceDefinition): [string, AttributeDefinition][] {
  return Object.entries(resource.attributes).filter(([, attribute]) => !attribute.readOnly);
}

function relationshipsOf(resource: ResourceDefinition): [string, RelationshipDefinition][] {
  return Object.entries(resource.relationships ?? {});
}

function writableRelationships(resource: ResourceDefinition): [string, RelationshipDefinition][] {
  return relationshipsOf(resource).filter(([, relationship]) => !relationship.readOnly);
}

function withDescription(schema: JsonSchema, description: string | undefined): JsonSchema {
  return description === undefined ? schema : { ...schema, description };
}

// ---------------------------------------------------------------------------------------------------------------
// Paths

function resourcePaths(resource: ResourceDefinition, context: BuildContext): Record<string, OpenApiPathItem> {
  const base = `${context.prefix}/${resource.type}`;
  const items: [string, OpenApiPathItem | undefined][] = [
    [base, collectionPathItem(resource, context)],
    [`${base}/{id}`, singlePathItem(resource)],
    ...relationshipsOf(resource).flatMap(([name, relationship]) =>
      relationshipPathItems(resource, name, relationship, base, context),
    ),
  ];
  const paths: Record<string, OpenApiPathItem> = {};
  for (const [path, item] of items) if (item) paths[path] = item;
  return paths;
}

/** A path item with the operations given, or undefined when none is offered (the path is then left out). */
function pathItem(
  operations: Partial<Record<HttpMethod, OpenApiOperation | false>>,
  parameters?: OpenApiParameter[],
): OpenApiPathItem | undefined {
  const item: OpenApiPathItem = {};
  for (const method of ['get', 'post', 'patch', 'delete'] as const) {
    const operation = operations[method];
    if (operation) item[method] = operation;
  }
  if (Object.keys(item).length === 0) return undefined;
  return parameters ? { parameters, ...item } : item;
}

function collectionPathItem(resource: ResourceDefinition, context: BuildContext): OpenApiPathItem | undefined {
  return pathItem({
    get: offers(resource, 'list') && listOperation(resource, context),
    post: offers(resource, 'create') && createOperation(resource),
    patch: (offers(resource, 'create') || offers(resource, 'update')) && batchOperation(resource, context.listedTypes.has('asyncoperations')),
    delete: offers(resource, 'deleteList') && deleteListOperation(resource, context),
  });
}

function singlePathItem(resource: ResourceDefinition): OpenApiPathItem | undefined {
  return pathItem(
    {
      get: offers(resource, 'get') && getOperation(resource),
      patch: offers(resource, 'update') && updateOperation(resource),
      delete: offers(resource, 'delete') && deleteOperation(resource),
    },
    [idParameter()],
  );
}

function relationshipPathItems(
  resource: ResourceDefinition,
  name: string,
  relationship: RelationshipDefinition,
  base: string,
  context: BuildContext,
): [string, OpenApiPathItem | undefined][] {
  const writable = !relationship.readOnly;
  const many = relationship.cardinality === 'many';
  const readable = offers(resource, 'getRelationship');
  const operation = (action: RelationshipAction) => relationshipOperation(resource, name, relationship, action);
  return [
    [
      `${base}/{id}/${name}`,
      pathItem({ get: readable && relatedOperation(resource, name, relationship, context) }, [idParameter()]),
    ],
    [
      `${base}/{id}/relationships/${name}`,
      pathItem(
        {
          get: readable && operation('get'),
          patch: writable && offers(resource, 'updateRelationship') && operation('update'),
          post: writable && many && offers(resource, 'addRelationship') && operation('add'),
          delete: writable && many && offers(resource, 'deleteRelationship') && operation('delete'),
        },
        [idParameter()],
      ),
    ],
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Operations

function listOperation(resource: ResourceDefinition, context: BuildContext): OpenApiOperation {
  const { type } = resource;
  return {
    operationId: `list${capitalize(type)}`,
    summary: `List ${type}`,
    tags: [type],
    parameters: listParameters(resource, context.resolve),
    responses: {
      '200': documentResponse(`A page of ${type}`, schemaRef(schemaName.collectionDocument(type))),
      '400': responseRef('badRequest'),
      '401': responseRef('unauthorized'),
      '406': responseRef('notAcceptable'),
    },
  };
}

function listParameters(resource: ResourceDefinition, resolve: ResourceLookup): OpenApiParameter[] {
  return [
    ...pageParameters(),
    ...sortParameters(resource),
    ...singleQueryParameters(resource),
    ...filterParameters(resource, resolve),
    xIncludeParameter('totalCount', 'asks for the total number of matching resources, returned in the `X-Include-Total-Count` header'),
  ];
}

function createOperation(resource: ResourceDefinition): OpenApiOperation {
  const { type } = resource;
  const single = schemaRef(schemaName.document(type));
  return {
    operationId: `create${capitalize(singularOf(type))}`,
    summary: `Create a ${singularOf(type)} (or upsert it with meta.upsert)`,
    tags: [type],
    requestBody: requestBody(schemaRef(schemaName.createDocument(type))),
    responses: {
      '200': documentResponse('Upsert: an existing resource was updated', single),
      '201': documentResponse('Created', single),
      '400': responseRef('badRequest'),
      '401': responseRef('unauthorized'),
      '409': responseRef('conflict'),
    },
  };
}

/** The batch: asynchronous (202 + `asyncoperations`) unless `X-Mode: sync`, where this API serves operations. */
function batchOperation(resource: ResourceDefinition, asynchronous: boolean): OpenApiOperation {
  const { type } = resource;
  const sync =
    '`sync`: the batch (at most 100 records and 50 included ones) is processed within the request, in order, all or ' +
    'nothing. Records may carry temporary ids that other records of the batch refer to.';
  return {
    operationId: `batch${capitalize(type)}`,
    summary: `Create or update several ${type} at once`,
    tags: [type],
    parameters: [
      {
        name: 'X-Mode',
        in: 'header',
        required: !asynchronous,
        description: asynchronous
          ? `${sync} Without it the batch runs in the background: the answer is 202 with an asynchronous operation to poll ` +
            '(`Content-Location`); refused records are listed at `/admin/api/asyncoperations/{id}/errors`.'
          : `${sync} This API offers synchronous batches only.`,
        schema: { type: 'string', enum: ['sync'] },
      },
    ],
    requestBody: requestBody(schemaRef(schemaName.batchDocument(type))),
    responses: {
      '200': documentResponse(`The ${type} written`, schemaRef(schemaName.collectionDocument(type))),
      ...(asynchronous ? { '202': documentResponse('The asynchronous operation that runs the batch', schemaRef(schemaName.document('asyncoperations'))) } : {}),
      '400': responseRef('badRequest'),
      '401': responseRef('unauthorized'),
    },
  };
}

function deleteListOperation(resource: ResourceDefinition, context: BuildContext): OpenApiOperation {
  const { type } = resource;
  return {
    operationId: `delete${capitalize(singularOf(type))}List`,
    summary: `Delete the ${type} matching the filters (at least one filter is required)`,
    tags: [type],
    parameters: [
      ...filterParameters(resource, context.resolve),
      xIncludeParameter('deletedCount', 'asks for the number of deleted resources, returned in the `X-Include-Deleted-Count` header'),
    ],
    responses: {
      '204': noContentResponse('Deleted'),
      '400': responseRef('badRequest'),
      '401': responseRef('unauthorized'),
    },
  };
}

function getOperation(resource: ResourceDefinition): OpenApiOperation {
  const { type } = resource;
  return {
    operationId: `get${capitalize(singularOf(type))}`,
    summary: `Get a ${singularOf(type)}`,
    tags: [type],
    parameters: singleQueryParameters(resource),
    responses: {
      '200': documentResponse(`The ${singularOf(type)}`, schemaRef(schemaName.document(type))),
      '401': responseRef('unauthorized'),
      '404': responseRef('notFound'),
    },
  };
}

function updateOperation(resource: ResourceDefinition): OpenApiOperation {
  const { type } = resource;
  return {
    operationId: `update${capitalize(singularOf(type))}`,
    summary: `Update a ${singularOf(type)}`,
    tags: [type],
    requestBody: requestBody(schemaRef(schemaName.updateDocument(type))),
    responses: {
      '200': documentResponse(`The updated ${singularOf(type)}`, schemaRef(schemaName.document(type))),
      '400': responseRef('badRequest'),
      '401': responseRef('unauthorized'),
      '404': responseRef('notFound'),
      '409': responseRef('conflict'),
    },
  };
}

function deleteOperation(resource: ResourceDefinition): OpenApiOperation {
  const { type } = resource;
  return {
    operationId: `delete${capitalize(singularOf(type))}`,
    summary: `Delete a ${singularOf(type)}`,
    tags: [type],
    responses: {
      '204': noContentResponse('Deleted'),
      '401': responseRef('unauthorized'),
      '404': responseRef('notFound'),
      '409': responseRef('conflict'),
    },
  };
}

function relatedOperation(
  resource: ResourceDefinition,
  name: string,
  relationship: RelationshipDefinition,
  context: BuildContext,
): OpenApiOperation {
  const target = context.listedTypes.has(relationship.type) && !relationship.polymorphic
    ? schemaRef(schemaName.resource(relationship.type))
    : schemaRef('resource');
  const listedTarget = relationship.cardinality === 'many' && !relationship.polymorphic ? context.listed.get(relationship.type) : undefined;
  return {
    operationId: `get${capitalize(singularOf(resource.type))}${capitalize(name)}`,
    summary: `Get the ${name} of a ${singularOf(resource.type)}`,
    tags: [resource.type],
    // A to-many's related records are a list like the target's own: paged, sorted, filtered.
    ...(listedTarget ? { parameters: listParameters(listedTarget, context.resolve) } : relationship.cardinality === 'many' ? { parameters: pageParameters() } : {}),
    responses: {
      '200': documentResponse(`The related ${relationship.type}`, relatedDocumentSchema(target, relationship)),
      '401': responseRef('unauthorized'),
      '404': responseRef('notFound'),
    },
  };
}

type RelationshipAction = 'get' | 'update' | 'add' | 'delete';

function relationshipOperation(
  resource: ResourceDefinition,
  name: string,
  relationship: RelationshipDefinition,
  action: RelationshipAction,
): OpenApiOperation {
  const linkage = relationshipLinkageSchema(relationship);
  const operation: OpenApiOperation = {
    operationId: `${action}${capitalize(singularOf(resource.type))}${capitalize(name)}Relationship`,
    summary: relationshipSummary(action, name, singularOf(resource.type)),
    tags: [resource.type],
    responses: {},
  };
  if (action === 'get') {
    if (relationship.cardinality === 'many') operation.parameters = pageParameters();
    operation.responses = {
      '200': documentResponse(`The identifiers of the ${name}`, linkage),
      '401': responseRef('unauthorized'),
      '404': responseRef('notFound'),
    };
    return operation;
  }
  operation.requestBody = requestBody(linkage);
  operation.responses = {
    '204': noContentResponse('Relationship changed'),
    '400': responseRef('badRequest'),
    '401': responseRef('unauthorized'),
    '404': responseRef('notFound'),
  };
  return operation;
}

function relationshipSummary(action: RelationshipAction, name: string, owner: string): string {
  switch (action) {
    case 'get':
      return `Get the ${name} identifiers of a ${owner}`;
    case 'update':
      return `Replace the ${name} of a ${owner}`;
    case 'add':
      return `Add to the ${name} of a ${owner}`;
    case 'delete':
      return `Remove from the ${name} of a ${owner}`;
  }
}



function noContentResponse(description: string): OpenApiResponse {
  return { description };
}

function errorResponses(): Record<string, OpenApiResponse> {
  const error = (description: string) => documentResponse(description, schemaRef('errorDocument'));
  return {
    badRequest: error('Bad request: invalid query parameters or request document'),
    unauthorized: error('Missing or invalid bearer token'),
    notFound: error('Not found'),
    notAcceptable: error('The Accept header does not allow application/vnd.api+json'),
    conflict: error('Conflict, e.g. a type mismatch, a duplicate or a resource still referenced'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Parameters

function idParameter(): OpenApiParameter {
  return { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
}

function pageParameters(): OpenApiParameter[] {
  return [
    {
      name: 'page[number]',
      in: 'query',
      required: false,
      description: 'Page number, starting at 1.',
      schema: { type: 'integer', minimum: 1, default: 1 },
    },
    {
      name: 'page[size]',
      in: 'query',
      required: false,
      description: 'Page size, at most the server\'s maximum (API_MAX_PAGE_SIZE, 1000 by default; larger is a 400); -1 returns all resources up to that maximum.',
      schema: { type: 'integer', minimum: -1, default: DEFAULT_PAGE_SIZE },
    },
  ];
}

function sortParameters(resource: ResourceDefinition): OpenApiParameter[] {
  const sortable = ['id', ...Object.entries(resource.attributes).filter(([, a]) => a.sort).map(([name]) => name)];
  return [
    {
      name: 'sort',
      in: 'query',
      required: false,
      description:
        `Comma-separated fields, \`-\` prefix for descending (default \`id\`). ` +
        `Sortable: ${codeList(sortable)}.`,
      schema: { type: 'string' },
    },
  ];
}

/** The parameters shared by single-resource and list reads: include, sparse fieldset, meta. */
function singleQueryParameters(resource: ResourceDefinition): OpenApiParameter[] {
  const relationships = relationshipsOf(resource).map(([name]) => name);
  const fields = [...Object.keys(resource.attributes), ...relationships];
  const parameters: OpenApiParameter[] = [];
  if (relationships.length > 0) {
    parameters.push({
      name: 'include',
      in: 'query',
      required: false,
      description:
        'Comma-separated relationship paths (dotted for nested) to include. ' +
        `Relationships: ${codeList(relationships)}.`,
      schema: { type: 'string' },
    });
  }
  parameters.push({
    name: `fields[${resource.type}]`,
    in: 'query',
    required: false,
    description: `Sparse fieldset: comma-separated fields to return. Fields: ${codeList(fields)}.`,
    schema: { type: 'string' },
  });
  // Only `title` exists today, and only for resources that declare one.
  if (resource.title !== undefined) {
    parameters.push({
      name: 'meta',
      in: 'query',
      required: false,
      description: 'Extra meta per resource: `title` adds `meta.title`, a label of the record.',
      schema: { type: 'string', enum: ['title'] },
    });
  }
  return parameters;
}

function xIncludeParameter(value: string, effect: string): OpenApiParameter {
  return {
    name: 'X-Include',
    in: 'header',
    required: false,
    description: `\`${value}\` ${effect}.`,
    schema: { type: 'string', enum: [value] },
  };
}

/** One parameter per filter of the table the query parser reads; `x-operators` lists its operators for clients. */
function filterParameters(resource: ResourceDefinition, resolve: ResourceLookup): OpenApiParameter[] {
  return filterFields(resource, resolve).map((field) => ({
    name: `filter[${field.name}]`,
    in: 'query',
    required: false,
    description: `Operators: ${describeOperators(field.operators)}. ${filterNote(field)}`.trim(),
    schema: { type: 'string' },
    'x-operators': [...field.operators],
  }));
}

function filterNote({ related, lists, ranges }: FilterField): string {
  const values = ranges ? 'Values may be lists `a,b` or ranges `a..b`.' : lists ? 'Values may be lists `a,b`.' : '';
  if (!related) return values;
  return related.many
    ? `Id(s) of related ${related.type}; matches when any related resource has one of them.`
    : `Id(s) of the related ${related.type}.`;
}

const SYMBOL_OF: Partial<Record<FilterOperator, string>> = Object.fromEntries(
  Object.entries(OPERATOR_SYMBOLS).map(([symbol, operator]) => [operator, symbol]),
);

function describeOperators(operators: readonly FilterOperator[]): string {
  return operators
    .map((operator) => (SYMBOL_OF[operator] ? `${operator} (\`${SYMBOL_OF[operator]}\`)` : operator))
    .join(', ');
}

function codeList(names: string[]): string {
  return names.map((name) => `\`${name}\``).join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas shared by every resource

function sharedSchemas(): Record<string, JsonSchema> {
  return {
    error: errorSchema(),
    errorDocument: {
      type: 'object',
      required: ['errors'],
      properties: { errors: { type: 'array', items: schemaRef('error') } },
    },
    meta: { type: 'object', additionalProperties: true },
    links: {
      type: 'object',
      additionalProperties: { type: ['string', 'object', 'null'] },
    },
    collectionLinks: {
      type: 'object',
      required: ['self'],
      properties: {
        self: { type: 'string' },
        first: { type: ['string', 'null'] },
        prev: { type: ['string', 'null'] },
        next: { type: ['string', 'null'] },
      },
    },
    resource: {
      description: 'A resource object of any type.',
      type: 'object',
      required: ['type', 'id'],
      properties: {
        type: { type: 'string' },
        id: { type: 'string' },
        attributes: { type: 'object' },
        relationships: { type: 'object' },
        meta: schemaRef('meta'),
        links: schemaRef('links'),
      },
    },
    writeResource: {
      description: 'A resource object of any type in a request; `id` is absent for resources to create.',
      type: 'object',
      required: ['type'],
      properties: {
        type: { type: 'string' },
        id: { type: 'string' },
        attributes: { type: 'object' },
        relationships: { type: 'object' },
      },
    },
  };
}

function errorSchema(): JsonSchema {
  return {
    type: 'object',
    properties: {
      status: { type: 'string', description: 'HTTP status code, as a string.' },
      title: { type: 'string' },
      detail: { type: 'string' },
      source: {
        type: 'object',
        properties: {
          pointer: { type: 'string', description: 'JSON Pointer to the offending part of the request document.' },
          parameter: { type: 'string', description: 'The offending query parameter.' },
        },
      },
      meta: schemaRef('meta'),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas per resource

function resourceSchemas(resource: ResourceDefinition): Record<string, JsonSchema> {
  const { type } = resource;
  const canCreate = offers(resource, 'create');
  const canUpdate = offers(resource, 'update');
  return {
    [schemaName.attributes(type)]: attributesSchema(resource),
    [schemaName.relationships(type)]: relationshipsSchema(resource),
    [schemaName.resource(type)]: resourceObjectSchema(resource),
    [schemaName.document(type)]: documentSchema(schemaRef(schemaName.resource(type))),
    [schemaName.collectionDocument(type)]: collectionDocumentSchema(schemaRef(schemaName.resource(type))),
    ...(canCreate ? createSchemas(resource) : {}),
    ...(canUpdate ? updateSchemas(resource) : {}),
    ...(canCreate || canUpdate ? { [schemaName.batchDocument(type)]: batchDocumentSchema(resource) } : {}),
  };
}

function createSchemas(resource: ResourceDefinition): Record<string, JsonSchema> {
  return {
    [schemaName.createResource(resource.type)]: createResourceSchema(resource),
    [schemaName.createDocument(resource.type)]: createDocumentSchema(resource),
  };
}

function updateSchemas(resource: ResourceDefinition): Record<string, JsonSchema> {
  return {
    [schemaName.updateResource(resource.type)]: updateResourceSchema(resource),
    [schemaName.updateDocument(resource.type)]: {
      type: 'object',
      required: ['data'],
      properties: { data: schemaRef(schemaName.updateResource(resource.type)), included: INCLUDED_WRITES },
    },
  };
}

/** Records written with the primary one (temporary ids; `meta.update` for existing ones). */
const INCLUDED_WRITES: JsonSchema = {
  type: 'array',
  items: schemaRef('writeResource'),
  description:
    'Related records created (temporary id) or updated (`meta.update: true`, real id) in the same transaction; each must be ' +
    'linked to the primary record. The answer includes them with `meta.includeId`.',
};

/** As returned: every attribute optional (sparse fieldsets), the non-required ones nullable. */
function attributesSchema(resource: ResourceDefinition): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(resource.attributes).map(([name, attribute]) => [
      name,
      attributeSchema(attribute, { nullable: !attribute.required }),
    ]),
  );
  return { type: 'object', properties };
}

/** Request attributes: read-only ones are left out (the engine ignores them); required ones are listed on create. */
function writeAttributesSchema(resource: ResourceDefinition, mode: 'create' | 'update'): JsonSchema {
  const writable = writableAttributes(resource);
  const properties = Object.fromEntries(
    writable.map(([name, attribute]) => [name, writeAttributeSchema(attribute)]),
  );
  const required = writable.filter(([, attribute]) => attribute.required).map(([name]) => name);
  return mode === 'create' && required.length > 0
    ? { type: 'object', properties, required }
    : { type: 'object', properties };
}

function writeAttributeSchema(attribute: AttributeDefinition): JsonSchema {
  const schema = attributeSchema({ ...attribute, readOnly: false }, { nullable: !attribute.required });
  // A required string may be omitted on update, but never sent empty.
  const textual = attribute.type === 'string' || attribute.type === 'text';
  return attribute.required && textual ? { ...schema, minLength: 1 } : schema;
}

function attributeSchema(attribute: AttributeDefinition, options: { nullable: boolean }): JsonSchema {
  const base = baseAttributeSchema(attribute);
  const schema = options.nullable ? nullable(base) : { ...base };
  if (attribute.maxLength !== undefined) schema.maxLength = attribute.maxLength;
  if (attribute.readOnly) schema.readOnly = true;
  return withDescription(schema, attribute.description);
}

/** OpenAPI 3.1 has no `nullable`: null joins the type list (and the enum, which would refuse it otherwise). */
function nullable(schema: JsonSchema): JsonSchema {
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const result: JsonSchema = { ...schema, type: [...types, 'null'] };
  if (Array.isArray(schema.enum)) result.enum = [...(schema.enum as unknown[]), null];
  return result;
}

function baseAttributeSchema(attribute: AttributeDefinition): JsonSchema {
  switch (attribute.type) {
    case 'string':
    case 'text':
      return { type: 'string' };
    case 'decimal':
    case 'money':
      return { type: 'string', pattern: DECIMAL_PATTERN };
    case 'integer':
      return { type: 'integer' };
    case 'boolean':
      return { type: 'boolean' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'enum':
      return { type: 'string', enum: [...(attribute.values ?? [])] };
    case 'json':
      return { type: ['object', 'array'] };
  }
}

function identifierSchema(types: string[]): JsonSchema {
  return {
    type: 'object',
    required: ['type', 'id'],
    properties: { type: types.length === 1 ? { const: types[0] } : { enum: types }, id: { type: 'string' } },
  };
}

/** `{data: identifier | null}` for to-one, `{data: identifier[]}` for to-many. */
function relationshipLinkageSchema(relationship: RelationshipDefinition): JsonSchema {
  const identifier = identifierSchema(targetTypesOf(relationship));
  const data =
    relationship.cardinality === 'many'
      ? { type: 'array', items: identifier }
      : { anyOf: [identifier, { type: 'null' }] };
  return withDescription({ type: 'object', required: ['data'], properties: { data } }, relationship.description);
}

function relationshipsSchema(resource: ResourceDefinition): JsonSchema {
  const properties = Object.fromEntries(
    relationshipsOf(resource).map(([name, relationship]) => {
      const linkage = relationshipLinkageSchema(relationship);
      const withLinks = {
        ...linkage,
        properties: { ...(linkage.properties as JsonSchema), links: schemaRef('links'), meta: schemaRef('meta') },
      };
      return [name, relationship.readOnly ? { ...withLinks, readOnly: true } : withLinks];
    }),
  );
  return { type: 'object', properties };
}

function writeRelationshipsSchema(resource: ResourceDefinition, mode: 'create' | 'update'): JsonSchema {
  const writable = writableRelationships(resource);
  const properties = Object.fromEntries(
    writable.map(([name, relationship]) => [name, relationshipLinkageSchema(relationship)]),
  );
  const required = writable.filter(([, relationship]) => relationship.required).map(([name]) => name);
  return mode === 'create' && required.length > 0
    ? { type: 'object', properties, required }
    : { type: 'object', properties };
}

function resourceObjectSchema(resource: ResourceDefinition): JsonSchema {
  const { type } = resource;
  return withDescription(
    {
      type: 'object',
      required: ['type', 'id'],
      properties: {
        type: { const: type },
        id: { type: 'string' },
        attributes: schemaRef(schemaName.attributes(type)),
        relationships: schemaRef(schemaName.relationships(type)),
        meta: schemaRef('meta'),
        links: schemaRef('links'),
      },
    },
    resource.description,
  );
}

function documentSchema(resource: Reference): JsonSchema {
  return {
    type: 'object',
    required: ['data'],
    properties: {
      data: resource,
      included: { type: 'array', items: schemaRef('resource') },
      links: schemaRef('links'),
      meta: schemaRef('meta'),
    },
  };
}

function collectionDocumentSchema(resource: Reference): JsonSchema {
  return {
    type: 'object',
    required: ['data', 'links'],
    properties: {
      data: { type: 'array', items: resource },
      included: { type: 'array', items: schemaRef('resource') },
      links: schemaRef('collectionLinks'),
      meta: schemaRef('meta'),
    },
  };
}

/** The related resource(s) route: a collection for to-many, a single resource or null for to-one. */
function relatedDocumentSchema(target: Reference, relationship: RelationshipDefinition): JsonSchema {
  if (relationship.cardinality === 'many') return collectionDocumentSchema(target);
  const document = documentSchema(target);
  return {
    ...document,
    properties: { ...(document.properties as JsonSchema), data: { anyOf: [target, { type: 'null' }] } },
  };
}

function createResourceSchema(resource: ResourceDefinition): JsonSchema {
  const attributes = writeAttributesSchema(resource, 'create');
  const relationships = writeRelationshipsSchema(resource, 'create');
  const required = ['type'];
  if (attributes.required) required.push('attributes');
  if (relationships.required) required.push('relationships');
  return {
    type: 'object',
    required,
    properties: {
      type: { const: resource.type },
      id: { type: 'string', description: 'Optional; assigned by the server when absent.' },
      attributes,
      relationships,
    },
  };
}

function updateResourceSchema(resource: ResourceDefinition): JsonSchema {
  return {
    type: 'object',
    required: ['type', 'id'],
    properties: {
      type: { const: resource.type },
      id: { type: 'string' },
      attributes: writeAttributesSchema(resource, 'update'),
      relationships: writeRelationshipsSchema(resource, 'update'),
    },
  };
}

function createDocumentSchema(resource: ResourceDefinition): JsonSchema {
  return {
    type: 'object',
    required: ['data'],
    properties: {
      data: schemaRef(schemaName.createResource(resource.type)),
      included: INCLUDED_WRITES,
      meta: {
        type: 'object',
        properties: {
          upsert: {
            description:
              'Update a matching existing resource instead of creating one (answered 200): ' +
              '`true`, or the names of the fields that identify it.',
            oneOf: [{ type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
          },
        },
      },
    },
  };
}

function batchDocumentSchema(resource: ResourceDefinition): JsonSchema {
  const { type } = resource;
  const variants = [
    offers(resource, 'create') ? schemaRef(schemaName.createResource(type)) : undefined,
    offers(resource, 'update') ? schemaRef(schemaName.updateResource(type)) : undefined,
  ].filter((variant): variant is Reference => variant !== undefined);
  // anyOf, not oneOf: an object with an id and all required attributes fits both variants.
  const items = variants.length === 1 ? variants[0] : { anyOf: variants };
  return {
    type: 'object',
    required: ['data'],
    properties: {
      data: { type: 'array', items },
      included: { type: 'array', items: schemaRef('writeResource') },
    },
  };
}

/** Path items by path; the methods of one path from several sources (a report's GET, an action's PATCH) combine. */
function mergePaths(...sources: Array<Record<string, OpenApiPathItem>>): Record<string, OpenApiPathItem> {
  const paths: Record<string, OpenApiPathItem> = {};
  for (const source of sources) for (const [path, item] of Object.entries(source)) paths[path] = { ...paths[path], ...item };
  return paths;
}
