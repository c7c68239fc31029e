import { listedTypes, recordLabel, resourceModel, searchAttribute, type OpenApiDocument } from './resource-model';

const document: OpenApiDocument = {
  paths: {
    '/admin/api/accounts': {
      get: {
        parameters: [
          { name: 'sort', in: 'query', description: 'Comma-separated fields, `-` prefix for descending (default `id`). Sortable: `id`, `name`, `createdAt`.' },
          { name: 'filter[id]', in: 'query', description: 'Operators: eq (`=`), neq (`!=`). Values may be lists `a,b`.' },
          { name: 'filter[name]', in: 'query', description: 'Operators: eq (`=`), contains (`~`).' },
          { name: 'filter[owner]', in: 'query', description: 'Operators: eq. Id(s) of the related users.' },
          { name: 'meta', in: 'query' },
        ],
      },
      post: {},
    },
    '/admin/api/accounts/{id}': { get: {}, patch: {} },
    '/admin/api/accounts/{id}/owner': { get: {} },
    '/admin/api/settings': { get: {} },
  },
  components: {
    schemas: {
      accountsAttributes: {
        properties: {
          name: { type: 'string', maxLength: 255 },
          lifetime: { type: ['string', 'null'], pattern: '^-?\\d+(\\.\\d+)?$', readOnly: true },
          status: { type: ['string', 'null'], enum: ['active', 'inactive', null] },
          createdAt: { type: 'string', format: 'date-time', readOnly: true },
          extend: { type: ['object', 'array'] },
        },
      },
      accountsRelationships: {
        properties: {
          owner: { properties: { data: { anyOf: [{ properties: { type: { const: 'users' } } }, { type: 'null' }] } } },
          contacts: { properties: { data: { type: 'array', items: { properties: { type: { const: 'contacts' } } } } }, readOnly: true },
        },
      },
      accountsCreateResource: {
        properties: {
          attributes: { properties: { name: {}, status: {} }, required: ['name'] },
          relationships: { properties: { owner: {} } },
        },
      },
      accountsUpdateResource: { properties: { attributes: { properties: { name: {}, status: {} } }, relationships: { properties: { owner: {} } } } },
    },
  },
};

describe('resources from the served OpenAPI document', () => {
  it('lists the resource types that have a list route', () => {
    expect(listedTypes(document)).toEqual(['accounts']);
  });

  it('reads attributes, kinds, filters, sorting and what may be written', () => {
    const model = resourceModel(document, 'accounts')!;
    expect(model.can).toEqual({ list: true, get: true, create: true, update: true, delete: false, deleteList: false });
    expect(model.hasTitle).toBe(true);
    expect(model.idFilters).toEqual(['eq', 'neq']);
    const byName = Object.fromEntries(model.attributes.map((a) => [a.name, a]));
    expect(byName.name).toMatchObject({ kind: 'string', required: true, creatable: true, updatable: true, maxLength: 255, filters: ['eq', 'contains'], sortable: true });
    expect(byName.lifetime).toMatchObject({ kind: 'decimal', readOnly: true, creatable: false, filters: [] });
    expect(byName.status).toMatchObject({ kind: 'enum', enumValues: ['active', 'inactive'], required: false });
    expect(byName.createdAt).toMatchObject({ kind: 'datetime', sortable: true });
    expect(byName.extend.kind).toBe('json');
  });

  it('reads relationships: target type, cardinality, filterability, writability', () => {
    const [owner, contacts] = resourceModel(document, 'accounts')!.relationships;
    expect(owner).toMatchObject({ name: 'owner', target: 'users', many: false, filterable: true, creatable: true, updatable: true });
    expect(contacts).toMatchObject({ name: 'contacts', target: 'contacts', many: true, readOnly: true, filterable: false, creatable: false });
    expect(resourceModel(document, 'nothing')).toBeNull();
  });

  it('searches records by their name-like text attribute and labels them', () => {
    expect(searchAttribute(resourceModel(document, 'accounts')!)?.name).toBe('name');
    expect(recordLabel({ id: '1', meta: { title: 'Acme Inc.' } })).toBe('Acme Inc.');
    expect(recordLabel({ id: '1', attributes: { firstName: 'Ada', lastName: 'Lovelace', email: 'a@x' } })).toBe('Ada Lovelace');
    expect(recordLabel({ id: '1', attributes: { email: 'a@x' } })).toBe('a@x');
    expect(recordLabel({ id: '7', attributes: {} })).toBe('#7');
  });
});
