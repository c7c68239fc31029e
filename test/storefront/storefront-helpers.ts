import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestApp } from '../harness/create-test-app';
import { api, requestToken } from '../identity/auth-helpers';

/** A password that meets the storefront's rules. */
export const STRONG_PASSWORD = 'Sunny-Day-42';

/** The messages the file transport wrote to `dir` for one recipient, oldest first (headers and body as text). */
export function mailsTo(dir: string, recipient: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .filter((text) => text.includes(`\r\nTo: ${recipient}\r\n`));
}

/** The token a mail's link carries. */
export function tokenIn(mail: string): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail);
  if (!match) throw new Error(`no token in mail:\n${mail}`);
  return match[1];
}

/** `POST /api/registration` with these attributes (no token). */
export function register(t: TestApp, attributes: Record<string, unknown>) {
  return api(t, null, 'POST', '/api/registration', { data: { type: 'registration', attributes } });
}

/** A storefront action with a `meta` body. */
export function storefrontAction(t: TestApp, method: 'POST' | 'PATCH', url: string, meta: Record<string, unknown>) {
  return api(t, null, method, url, { meta });
}

/** The storefront password grant. */
export function storefrontSignIn(t: TestApp, username: string, password: string, ip = '127.0.0.1') {
  return requestToken(t, { grant_type: 'password', client_id: 'storefront', username, password }, false, ip);
}

/** Changes the organization's `customer` settings as its administrator. */
export async function setCustomerSettings(t: TestApp, adminToken: string, attributes: Record<string, unknown>) {
  const response = await api(t, adminToken, 'PATCH', '/admin/api/settings/customer', { data: { type: 'settings', id: 'customer', attributes } });
  if (response.status !== 200) throw new Error(`settings refused: ${response.body}`);
}
