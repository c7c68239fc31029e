import type { TestApp } from '../harness/create-test-app';
import { JSON_API } from '../json-api/json-api-helpers';

/** `POST /admin/api/imports` with a CSV file (multipart), as a browser form or curl -F sends it. */
export async function uploadCsv(t: TestApp, token: string, type: string, csv: string | Buffer, fields: Record<string, string> = {}) {
  const boundary = `----import-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ type, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${type}.csv"\r\nContent-Type: text/csv\r\n\r\n`));
  parts.push(typeof csv === 'string' ? Buffer.from(csv) : csv, Buffer.from(`\r\n--${boundary}--\r\n`));
  const response = await t.app.inject({
    method: 'POST',
    url: '/admin/api/imports',
    headers: { authorization: `Bearer ${token}`, accept: JSON_API, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
  return { status: response.statusCode, headers: response.headers, json: JSON.parse(response.body) };
}

/** A CSV download (template or export): its status, headers and text without the BOM. */
export async function downloadCsv(t: TestApp, token: string, url: string) {
  const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: response.statusCode, headers: response.headers, text: response.body.replace(/^\uFEFF/, ''), raw: response.rawPayload };
}
