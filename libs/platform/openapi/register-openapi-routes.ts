import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from './build-openapi';
import type { ApiName } from '../json-api/resource-definition';
import type { ResourceRegistry } from '../json-api/resource-registry';
import type { ModuleAction, ModuleEndpoint } from '../modules/module-manifest';
import type { SettingsSection } from '../settings/settings-section';
import { API_PREFIX } from '../json-api/api-name';
import { API_REFERENCE_SCRIPT_PATH, apiReferenceScript, renderApiDocPage } from './render-api-doc-page';

const TITLES: Record<ApiName, string> = {
  admin: 'Back-office API',
  storefront: 'Storefront API',
};

/**
 * `/admin/api/doc/openapi.json` and `/api/doc/openapi.json`: OpenAPI 3.1, generated from the same resource definitions
 * that serve requests, for the loaded modules only; `/admin/api/doc`: both, as an interactive reference page whose
 * script is served here too. No authentication.
 */
export function registerOpenApiRoutes(
  fastify: FastifyInstance,
  registry: ResourceRegistry,
  extras: { endpoints: ModuleEndpoint[]; settings: SettingsSection[]; actions: ModuleAction[]; importTypes?: string[] },
): void {
  const documents = new Map<ApiName, object>();
  const documentOf = (api: ApiName) => {
    if (!documents.has(api)) {
      documents.set(
        api,
        buildOpenApiDocument(registry.forApi(api).all(api), api, {
          title: `B2B customer management — ${TITLES[api]}`,
          version: '1',
          description: 'JSON:API 1.0 (`application/vnd.api+json`), following the conventions of Oro’s APIs.',
        }, api === 'admin' ? { ...extras, moduleOf: (type) => registry.moduleOf(type) } : extras),
      );
    }
    return documents.get(api)!;
  };
  for (const api of Object.keys(API_PREFIX) as ApiName[]) {
    fastify.get(`${API_PREFIX[api]}/doc/openapi.json`, async (_request, reply) => reply.header('content-type', 'application/json').send(documentOf(api)));
  }
  const page = renderApiDocPage(
    (Object.keys(API_PREFIX) as ApiName[]).map((api) => ({ title: TITLES[api], url: `${API_PREFIX[api]}/doc/openapi.json` })),
  );
  fastify.get(`${API_PREFIX.admin}/doc`, async (_request, reply) => reply.header('content-type', 'text/html; charset=utf-8').send(page));
  // The storefront's own page shows only what a storefront token reaches.
  const storefrontPage = renderApiDocPage([{ title: TITLES.storefront, url: `${API_PREFIX.storefront}/doc/openapi.json` }]);
  fastify.get(`${API_PREFIX.storefront}/doc`, async (_request, reply) => reply.header('content-type', 'text/html; charset=utf-8').send(storefrontPage));
  let script: Buffer | undefined;
  fastify.get(API_REFERENCE_SCRIPT_PATH, async (_request, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send((script ??= apiReferenceScript())),
  );
}
