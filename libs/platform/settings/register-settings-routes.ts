import type { FastifyInstance, FastifyReply } from 'fastify';
import { API_PREFIX } from '../json-api/api-name';
import type { CallerResolver } from '../json-api/caller';
import { extraField, invalid } from '../json-api/documents/parse-resource-body';
import { JsonApiErrorObject, JsonApiException } from '../json-api/json-api-exception';
import type { JsonApiResponse } from '../json-api/json-api-response';
import { checkMediaTypes } from '../json-api/http/media-type';
import type { Settings } from './settings';
import type { SettingsSection } from './settings-section';

const TYPE = 'settings';

/**
 * `GET /admin/api/settings`, `GET|PATCH /admin/api/settings/{section}`: the caller's organization settings, one
 * `settings` resource per section, with the sections' fields as attributes. VIEW / EDIT on `settings` are needed.
 */
export function registerSettingsRoutes(
  scope: FastifyInstance,
  deps: { callers: CallerResolver; settings: Settings },
  send: (reply: FastifyReply, response: JsonApiResponse) => unknown,
): void {
  const document = async (organizationId: string, name: string) => ({
    type: TYPE,
    id: name,
    attributes: { ...(await deps.settings.get(organizationId, name)), ...(await deps.settings.status(organizationId, name)) },
    links: { self: `${API_PREFIX.admin}/${TYPE}/${name}` },
  });
  const authorize = async (headers: Record<string, string | string[] | undefined>, permission: 'VIEW' | 'EDIT') => {
    const caller = await deps.callers.resolve('admin', headers);
    if (caller.access(TYPE, permission) === 'none') throw JsonApiException.forbidden();
    return caller;
  };
  const sectionNamed = (name: string) => {
    const section = deps.settings.section(name);
    if (!section) throw JsonApiException.notFound('The settings section does not exist.');
    return section;
  };

  scope.route({
    method: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    url: `/${TYPE}`,
    handler: async (request, reply) => {
      const allow = ['OPTIONS', 'GET'];
      if (request.method === 'OPTIONS') return reply.status(200).header('allow', allow.join(', ')).send();
      if (request.method !== 'GET') throw JsonApiException.methodNotAllowed(allow);
      checkMediaTypes(request.method, request.headers, false);
      const caller = await authorize(request.headers, 'VIEW');
      const data = await Promise.all(deps.settings.all().map((s) => document(caller.organizationId, s.name)));
      return send(reply, { status: 200, body: { data, links: { self: `${API_PREFIX.admin}/${TYPE}` } } });
    },
  });
  scope.route<{ Params: { section: string } }>({
    method: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    url: `/${TYPE}/:section`,
    handler: async (request, reply) => {
      const allow = ['OPTIONS', 'GET', 'PATCH'];
      const section = sectionNamed(request.params.section);
      if (request.method === 'OPTIONS') return reply.status(200).header('allow', allow.join(', ')).send();
      if (!allow.includes(request.method)) throw JsonApiException.methodNotAllowed(allow);
      checkMediaTypes(request.method, request.headers, request.body !== undefined);
      const caller = await authorize(request.headers, request.method === 'GET' ? 'VIEW' : 'EDIT');
      if (request.method === 'PATCH') {
        const refused = await deps.settings.update(caller.organizationId, section.name, parseSettingsBody(request.body, section));
        if (Object.keys(refused).length > 0) {
          throw new JsonApiException(Object.entries(refused).map(([key, detail]) => invalid(`/data/attributes/${key}`, detail)));
        }
      }
      return send(reply, { status: 200, body: { data: await document(caller.organizationId, section.name) } });
    },
  });
}

/** `{data: {type: "settings", id: section, attributes: {...}}}`: every known field checked by its schema. */
function parseSettingsBody(body: unknown, { name: section, fields, status }: SettingsSection) {
  const data = (body as { data?: unknown } | undefined)?.data as Record<string, unknown> | undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw JsonApiException.badRequest('request data constraint', 'The primary data object should exist.', { pointer: '/data' });
  }
  if (data.type !== TYPE) throw JsonApiException.conflict(`The entity type should be "${TYPE}".`, { pointer: '/data/type' });
  if (data.id !== section) throw JsonApiException.conflict('The entity identifier does not match the identifier in the URL.', { pointer: '/data/id' });
  const attributes = data.attributes ?? {};
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw JsonApiException.badRequest('form constraint', 'The "attributes" property should be an object.', { pointer: '/data/attributes' });
  }
  const errors: JsonApiErrorObject[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const pointer = `/data/attributes/${key}`;
    const field = fields[key];
    if (!field && status && Object.hasOwn(status.fields, key)) continue;
    if (!field) {
      errors.push(extraField(pointer, key));
      continue;
    }
    const parsed = field.schema.safeParse(value);
    if (parsed.success) values[key] = parsed.data;
    else errors.push(invalid(pointer, parsed.error.issues[0]?.message ?? 'This value is not valid.'));
  }
  if (errors.length > 0) throw new JsonApiException(errors);
  return values;
}
