import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { ModuleAction, ModuleActionResponse, ModuleEndpoint } from '../modules/module-manifest';
import type { CallerResolver } from '../json-api/caller';
import type { ApiName } from '../json-api/api-name';
import { JsonApiException } from '../json-api/json-api-exception';
import type { JsonApiResponse } from '../json-api/json-api-response';
import { checkMediaTypes } from '../json-api/http/media-type';

/** The loaded modules' report endpoints of one API, with the same authentication, errors and media type as resources. */
export function registerModuleEndpoints(
  scope: FastifyInstance,
  api: ApiName,
  endpoints: ModuleEndpoint[],
  deps: { callers: CallerResolver; queries: QueryBus },
  send: (reply: FastifyReply, response: JsonApiResponse) => unknown,
): void {
  for (const endpoint of endpoints.filter((e) => e.api === api)) {
    scope.get(`/${endpoint.path.replace(/\{(\w+)\}/g, ':$1')}`, async (request, reply) => {
      checkMediaTypes(request.method, request.headers, false);
      const caller = await deps.callers.resolve(api, request.headers);
      if (endpoint.access && caller.access(endpoint.access.resource, endpoint.access.permission) === 'none') {
        throw JsonApiException.forbidden();
      }
      // Flat names as written (`filter[closeDate][gte]`), whatever the server's query-string parser would nest.
      const parameters = { ...Object.fromEntries(new URLSearchParams(request.raw.url?.split('?')[1] ?? '')), ...(request.params as Record<string, string>) };
      return send(reply, { status: 200, body: await deps.queries.execute(endpoint.query(parameters, caller) as never) });
    });
  }
}

/**
 * The loaded modules' actions of one API: a JSON:API body in (a token too for `authenticated` ones), the command's
 * answer out. `OPTIONS` answers
 * the allowed method like a resource route.
 */
export function registerModuleActions(
  scope: FastifyInstance,
  api: ApiName,
  actions: ModuleAction[],
  commands: CommandBus,
  callers: CallerResolver,
  signIn: (userId: string, organizationId: string) => Promise<Record<string, unknown>>,
  send: (reply: FastifyReply, response: JsonApiResponse) => unknown,
  /** Paths a report endpoint answers GET on (an action on the same path leaves GET to it). */
  readPaths: string[] = [],
): void {
  const byPath = new Map<string, ModuleAction[]>();
  for (const action of actions.filter((a) => a.api === api)) byPath.set(action.path, [...(byPath.get(action.path) ?? []), action]);
  for (const [path, mine] of byPath) {
    const read = readPaths.includes(path);
    const allow = ['OPTIONS', ...(read ? ['GET'] : []), ...mine.map((a) => a.method)];
    scope.route({
      method: [...(read ? [] : ['GET']), 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      url: `/${path}`,
      handler: async (request, reply) => {
        if (request.method === 'OPTIONS') return reply.status(200).header('allow', allow.join(', ')).send();
        const action = mine.find((a) => a.method === request.method);
        if (!action) throw JsonApiException.methodNotAllowed(allow);
        checkMediaTypes(request.method, request.headers, request.body !== undefined);
        const caller = action.authenticated ? await callers.resolve(api, request.headers) : undefined;
        const { status, body, signIn: user } = (await commands.execute(action.command(request.body, { ip: request.ip, caller }) as never)) as ModuleActionResponse;
        // Tokens are issued after the command committed (they are read and stored outside its transaction).
        const token = user ? await signIn(user.userId, user.organizationId) : undefined;
        return send(reply, { status, body: token ? { ...body, meta: { ...body?.meta, token } } : body });
      },
    });
  }
}
