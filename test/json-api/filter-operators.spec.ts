import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { asyncOperationsResource } from '../../libs/platform/async-operations/async-operation.resource';
import { platformResources } from '../../libs/platform/identity/identity.resources';
import { deadLettersResource } from '../../libs/platform/dead-letters/dead-letters.resource';
import { currencyRatesResource } from '../../libs/platform/money/currency-rates.resource';
import { buildOpenApiDocument } from '../../libs/platform/openapi/build-openapi';
import { parseListQuery } from '../../libs/platform/json-api/query/parse-list-query';
import { ResourceRegistry } from '../../libs/platform/json-api/resource-registry';
import type { FilterOperator } from '../../libs/platform/json-api/resource-definition';

const EVERY_OPERATOR: FilterOperator[] = [
  'eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'exists', 'neq_or_null', 'contains', 'not_contains',
  'starts_with', 'not_starts_with', 'ends_with', 'not_ends_with', 'empty',
];

/** Every resource of every shipped module and of the platform, as the server registers them. */
const registry = new ResourceRegistry([
  { module: 'platform', resources: [...platformResources, deadLettersResource, currencyRatesResource, asyncOperationsResource] },
  ...moduleCatalog.map((m) => ({ module: m.name, resources: m.resources, extensions: m.resourceExtensions })),
]);

/** What the parser does with `filter[field][operator]`: accepted (perhaps refusing the value) or "not supported". */
function parserAccepts(type: string, field: string, operator: FilterOperator): boolean {
  const result = parseListQuery(`filter[${field}][${operator}]=1`, registry.get(type)!, registry.lookup, { mode: 'list', defaultPageSize: 10 });
  return result.ok || !result.errors.some((e) => /not supported/.test(e.detail));
}

describe('filters: the parser accepts exactly what the OpenAPI description documents', () => {
  for (const api of ['admin', 'storefront'] as const) {
    const resources = registry.all(api);
    if (resources.length === 0) continue;
    const document = buildOpenApiDocument(resources, api, { title: 't', version: '1' });
    const listed = resources.filter((r) => (r.operations ?? ['list']).includes('list'));

    it.each(listed.map((r) => [r.type]))(`${api}: %s`, (type) => {
      const resource = registry.get(type)!;
      const path = document.paths[`${api === 'admin' ? '/admin/api' : '/api'}/${type}`];
      const documented = Object.fromEntries(
        (path!.get!.parameters ?? [])
          .filter((p) => 'name' in p && p.name.startsWith('filter['))
          .map((p) => [(p as { name: string }).name.slice(7, -1), [...((p as { 'x-operators'?: string[] })['x-operators'] ?? [])].sort()]),
      );
      const fields = ['id', ...Object.keys(resource.attributes), ...Object.keys(resource.relationships ?? {}), 'noSuchField'];
      const accepted = Object.fromEntries(
        fields
          .map((field) => [field, EVERY_OPERATOR.filter((operator) => parserAccepts(type, field, operator)).sort()] as const)
          .filter(([, operators]) => operators.length > 0),
      );
      expect(accepted).toEqual(documented);
      expect(Object.keys(accepted)).toContain('id');
    });
  }
});
