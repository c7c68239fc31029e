import { TransactionRunner, createOrganization, createUser } from '../../libs/platform/runtime';
import type { TestApp } from '../harness/create-test-app';
import { JSON_API } from '../json-api/json-api-helpers';

export const PASSWORD = 'correct horse battery';

/** Two organizations with users of every predefined role (A), and an administrator (B). */
export async function seedIdentities(t: TestApp) {
  const db = t.get(TransactionRunner).manager;
  const orgA = await createOrganization(db, 'Acme');
  const orgB = await createOrganization(db, 'Beta');
  const user = (email: string, organizationId: string, role: string) => createUser(db, { email, password: PASSWORD, organizationId, roleCodes: [role] });
  return {
    orgA,
    orgB,
    adminA: await user('admin@acme.test', orgA, 'ADMINISTRATOR'),
    managerA: await user('manager@acme.test', orgA, 'SALES_MANAGER'),
    repA: await user('rep@acme.test', orgA, 'SALES_REP'),
    adminB: await user('admin@beta.test', orgB, 'ADMINISTRATOR'),
  };
}

export async function requestToken(t: TestApp, body: Record<string, string>, form = false, ip = '127.0.0.1') {
  const response = await t.app.inject({
    method: 'POST',
    url: '/oauth2-token',
    remoteAddress: ip,
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    payload: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  return { status: response.statusCode, headers: response.headers, json: JSON.parse(response.body) };
}

export async function login(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const { status, json } = await requestToken(t, { grant_type: 'password', client_id: 'backoffice', username: email, password });
  if (status !== 200) throw new Error(`login of ${email} failed: ${JSON.stringify(json)}`);
  return json.access_token;
}

/** A JSON:API request with a bearer token. */
export async function api(t: TestApp, token: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  const response = await t.app.inject({
    method,
    url,
    headers: {
      accept: JSON_API,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': JSON_API } : {}),
    },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.statusCode, headers: response.headers, body: response.body, json: response.body ? JSON.parse(response.body) : undefined };
}
