import type { TestApp } from '../harness/create-test-app';

export const JSON_API = 'application/vnd.api+json';

export interface CallAs {
  organization?: string;
  user?: string;
  access?: Record<string, Record<string, string>>;
}

/** Sends a JSON:API request through the real HTTP stack (Fastify inject) as a test caller. */
export async function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'OPTIONS',
  url: string,
  options: { body?: unknown; as?: CallAs | null; headers?: Record<string, string>; rawBody?: string } = {},
) {
  const as = options.as === undefined ? { organization: '1' } : options.as;
  const headers: Record<string, string> = { accept: JSON_API, ...options.headers };
  if (as?.organization) headers['x-test-organization'] = as.organization;
  if (as?.user) headers['x-test-user'] = as.user;
  if (as?.access) headers['x-test-access'] = JSON.stringify(as.access);
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers['content-type'] ??= JSON_API;
  const response = await t.app.inject({ method, url, headers, payload });
  let json: any;
  try {
    json = response.body ? JSON.parse(response.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, json };
}

/** Ids of a collection document's data. */
export const ids = (json: { data: Array<{ id: string }> }) => json.data.map((r) => r.id);
