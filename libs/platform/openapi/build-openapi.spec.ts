import { validateOpenApi } from '../../../test/harness/openapi-validator';
import { defineResource, type ResourceDefinition } from '../json-api/resource-definition';
import { JSON_API_MEDIA_TYPE } from '../json-api/api-name';
import {
  buildOpenApiDocument,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
} from './build-openapi';

const widgets = defineResource({
  type: 'widgets',
  table: 'test.widget',
  apis: ['admin', 'storefront'],
  title: 'name',
  description: 'Things we sell',
  attributes: {
    name: { type: 'string', required: true, maxLength: 100, filter: ['eq', 'contains'], sort: true },
    price: { type: 'money' },
    createdAt: { type: 'datetime', readOnly: true, filter: true, sort: true },
    status: { type: 'enum', values: ['new', 'done'], filter: true },
  },
  relationships: {
    owner: { type: 'users', cardinality: 'one', filter: true },
    tags: { type: 'tags', cardinality: 'many' },
    parent: { type: 'widgets', cardinality: 'one', readOnly: true },
  },
});

const users = defineResource({
  type: 'users',
  table: 'test.user',
  apis: ['admin'],
  operations: ['list', 'get'],
  attributes: { name: { type: 'string' }, email: { type: 'string' } },
});

const tags = defineResource({
  type: 'tags',
  table: 'test.tag',
  apis: ['admin'],
  attributes: { label: { type: 'string', required: true } },
});

const resources: ResourceDefinition[] = [widgets, users, tags];
const info = { title: 'Test API', version: '1.0.0' };

async function expectValid(document: OpenApiDocument): Promise<void> {
  const result = await validateOpenApi(document);
  if (!result.valid) console.error(JSON.stringify(result.errors, null, 2));
  expect(result).toEqual({ valid: true });
}

function parameterNames(parameters: OpenApiParameter[] | undefined): string[] {
  return (parameters ?? []).map((parameter) => parameter.name);
}

function schemaOf(document: OpenApiDocument, name: string): Record<string, any> {
  return document.components.schemas[name] as Record<string, any>;
}

describe('buildOpenApiDocument', () => {
  const admin = buildOpenApiDocument(resources, 'admin', { ...info, description: 'Back office' });
  const storefront = buildOpenApiDocument(resources, 'storefront', info);

  it('produces valid OpenAPI 3.1 documents for both apis', async () => {
    expect(admin.openapi).toBe('3.1.0');
    await expectValid(admin);
    await expectValid(storefront);
  });

  it('is checked by a validator that does reject broken documents', async () => {
    const broken = structuredClone(admin) as unknown as Record<string, any>;
    broken.paths['/admin/api/widgets'].get.responses['200'] = { content: {} };
    expect((await validateOpenApi(broken)).valid).toBe(false);
    const danglingRef = structuredClone(admin) as unknown as Record<string, any>;
    delete danglingRef.components.schemas.usersResource;
    expect((await validateOpenApi(danglingRef)).valid).toBe(false);
  });

  it('produces a valid document for an api without resources', async () => {
    const empty = buildOpenApiDocument([users, tags], 'storefront', info);
    expect(empty.paths).toEqual({});
    await expectValid(empty);
  });

  it('is deterministic and sorted by type', () => {
    const again = buildOpenApiDocument([tags, users, widgets], 'admin', { ...info, description: 'Back office' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(admin));
    expect(admin.tags).toEqual([
      { name: 'tags' },
      { name: 'users' },
      { name: 'widgets', description: 'Things we sell' },
    ]);
  });

  it('lists only the resources of the api, under its prefix', () => {
    const storefrontPaths = Object.keys(storefront.paths);
    expect(storefrontPaths).toContain('/api/widgets');
    expect(storefrontPaths).not.toContain('/api/users');
    expect(storefrontPaths.some((path) => path.startsWith('/admin/'))).toBe(false);
    expect(storefront.components.schemas.usersResource).toBeUndefined();
    expect(Object.keys(admin.paths).every((path) => path.startsWith('/admin/api/'))).toBe(true);
  });

  it('offers only the routes of the declared operations', () => {
    const usersPaths = Object.entries(admin.paths).filter(([path]) => path.startsWith('/admin/api/users'));
    expect(usersPaths.map(([path]) => path)).toEqual(['/admin/api/users', '/admin/api/users/{id}']);
    expect(Object.keys(admin.components.schemas).filter((name) => name.startsWith('users'))).toEqual([
      'usersAttributes',
      'usersRelationships',
      'usersResource',
      'usersDocument',
      'usersCollectionDocument',
    ]);
    for (const [, item] of usersPaths) {
      expect(Object.keys(item).filter((key) => key !== 'parameters')).toEqual(['get']);
    }
  });

  it('describes every route of a resource with all operations', () => {
    const paths = admin.paths;
    expect(paths['/admin/api/widgets'].get?.operationId).toBe('listWidgets');
    expect(paths['/admin/api/widgets'].post?.operationId).toBe('createWidget');
    expect(paths['/admin/api/widgets'].patch?.operationId).toBe('batchWidgets');
    expect(paths['/admin/api/widgets'].delete?.operationId).toBe('deleteWidgetList');
    expect(paths['/admin/api/widgets/{id}'].get?.operationId).toBe('getWidget');
    expect(paths['/admin/api/widgets/{id}'].patch?.operationId).toBe('updateWidget');
    expect(paths['/admin/api/widgets/{id}'].delete?.operationId).toBe('deleteWidget');
    expect(paths['/admin/api/widgets/{id}/owner'].get?.operationId).toBe('getWidgetOwner');
    expect(paths['/admin/api/widgets/{id}/relationships/owner'].get?.operationId).toBe('getWidgetOwnerRelationship');
    expect(paths['/admin/api/widgets/{id}/relationships/owner'].patch?.operationId).toBe(
      'updateWidgetOwnerRelationship',
    );
    // To-one relationships cannot be added to or removed from.
    expect(paths['/admin/api/widgets/{id}/relationships/owner'].post).toBeUndefined();
    const tagsRelationship = paths['/admin/api/widgets/{id}/relationships/tags'];
    expect(Object.keys(tagsRelationship).sort()).toEqual(['delete', 'get', 'parameters', 'patch', 'post']);
    expect(paths['/admin/api/widgets/{id}'].parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });

  it('has unique operation ids and no OPTIONS operations', () => {
    const operations = Object.values(admin.paths).flatMap((item) =>
      Object.entries(item).filter((entry): entry is [string, OpenApiOperation] => entry[0] !== 'parameters'),
    );
    expect(operations.map(([method]) => method)).not.toContain('options');
    const ids = operations.map(([, operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('requires bearer authentication globally', () => {
    expect(admin.security).toEqual([{ bearerAuth: [] }]);
    expect(admin.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('offers no modifying routes for a read-only relationship', () => {
    const parent = admin.paths['/admin/api/widgets/{id}/relationships/parent'];
    expect(Object.keys(parent).sort()).toEqual(['get', 'parameters']);
    expect(admin.paths['/admin/api/widgets/{id}/parent'].get).toBeDefined();
  });

  it('describes the list query parameters', () => {
    const list = admin.paths['/admin/api/widgets'].get!;
    expect(parameterNames(list.parameters)).toEqual([
      'page[number]',
      'page[size]',
      'sort',
      'include',
      'fields[widgets]',
      'meta',
      'filter[id]',
      'filter[name]',
      'filter[createdAt]',
      'filter[status]',
      'filter[owner]',
      'X-Include',
    ]);
    const parameter = (name: string) => list.parameters!.find((p) => p.name === name)!;
    expect(parameter('page[size]').schema).toEqual({ type: 'integer', minimum: -1, default: 10 });
    expect(parameter('sort').description).toContain('`createdAt`');
    expect(parameter('sort').description).not.toContain('`price`');
    expect(parameter('filter[createdAt]').description).toContain('gte (`>=`)');
    expect(parameter('filter[name]').description).toContain('contains (`~`)');
    expect(parameter('filter[name]').description).not.toContain('neq');
    expect(parameter('X-Include')).toMatchObject({ in: 'header', schema: { enum: ['totalCount'] } });
    // No `title` declared: no meta parameter.
    expect(parameterNames(admin.paths['/admin/api/users'].get!.parameters)).not.toContain('meta');
  });

  it('describes the attributes, with null allowed for the optional ones', () => {
    const attributes = schemaOf(admin, 'widgetsAttributes').properties;
    expect(attributes.name).toEqual({ type: 'string', maxLength: 100 });
    expect(attributes.price).toEqual({ type: ['string', 'null'], pattern: '^-?\\d+(\\.\\d+)?$' });
    expect(attributes.createdAt).toEqual({ type: ['string', 'null'], format: 'date-time', readOnly: true });
    expect(attributes.status).toEqual({ type: ['string', 'null'], enum: ['new', 'done', null] });
  });

  it('leaves read-only fields out of the write documents and requires the required ones on create', () => {
    const create = schemaOf(admin, 'widgetsCreateResource');
    expect(Object.keys(create.properties.attributes.properties)).toEqual(['name', 'price', 'status']);
    expect(create.properties.attributes.required).toEqual(['name']);
    expect(create.required).toEqual(['type', 'attributes']);
    expect(Object.keys(create.properties.relationships.properties)).toEqual(['owner', 'tags']);
    const update = schemaOf(admin, 'widgetsUpdateResource');
    expect(update.required).toEqual(['type', 'id']);
    expect(update.properties.attributes.required).toBeUndefined();
    expect(update.properties.attributes.properties.createdAt).toBeUndefined();
    expect(admin.paths['/admin/api/widgets'].post!.requestBody!.content[JSON_API_MEDIA_TYPE].schema).toEqual({
      $ref: '#/components/schemas/widgetsCreateDocument',
    });
  });

  it('describes relationships as identifiers, also of types outside the document', () => {
    const relationships = schemaOf(storefront, 'widgetsRelationships').properties;
    expect(relationships.owner.properties.data.anyOf[0].properties.type).toEqual({ const: 'users' });
    expect(relationships.tags.properties.data.items.properties.type).toEqual({ const: 'tags' });
    const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const related = (document: OpenApiDocument, path: string) =>
      (document.paths[path].get!.responses['200'] as any).content[JSON_API_MEDIA_TYPE].schema;
    // users are not on the storefront: its related route falls back to the generic resource object.
    expect(related(storefront, '/api/widgets/{id}/owner').properties.data.anyOf[0]).toEqual(schema('resource'));
    expect(related(admin, '/admin/api/widgets/{id}/owner').properties.data.anyOf[0]).toEqual(schema('usersResource'));
    expect(related(admin, '/admin/api/widgets/{id}/tags').properties.data.items).toEqual(schema('tagsResource'));
  });

  it('answers errors with the error document', () => {
    expect(admin.paths['/admin/api/widgets/{id}'].get!.responses['404']).toEqual({
      $ref: '#/components/responses/notFound',
    });
    expect(admin.components.responses.notFound.content![JSON_API_MEDIA_TYPE].schema).toEqual({
      $ref: '#/components/schemas/errorDocument',
    });
  });
});
