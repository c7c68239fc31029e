import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestApp } from '../harness/create-test-app';
import { useApp } from '../harness/use-app';
import { api } from '../identity/auth-helpers';
import { JSON_API } from '../json-api/json-api-helpers';

/** `useApp` with a data folder of its own (uploads and exports are written there), removed after the file. */
export function useImportApp(modules: string[], env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-import-'));
  const app = useApp(modules, { DATA_DIR: dataDir, ...env });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { ...app, dataDir };
}

/**
 * Uploads a CSV file, runs the worker, and answers the upload's answer, the finished operation's attributes and its
 * error details (rows refused while reading come first, then each chunk's: sorted by row for the assertions).
 */
export async function importCsvAndWait(t: TestApp, token: string, type: string, csv: string | Buffer, fields: Record<string, string> = {}) {
  const started = await uploadCsv(t, token, type, csv, fields);
  if (started.status !== 202) return { started, attributes: undefined, errors: [] as string[] };
  await t.drain(120_000);
  const done = await api(t, token, 'GET', `/admin/api/asyncoperations/${started.json.data.id}`);
  const errors = await api(t, token, 'GET', `/admin/api/asyncoperations/${started.json.data.id}/errors?page[size]=-1`);
  const details: string[] = errors.json.data.map((e: { attributes: { detail: string } }) => e.attributes.detail);
  details.sort((a, b) => Number(/#(\d+)/.exec(a)![1]) - Number(/#(\d+)/.exec(b)![1]));
  return { started, attributes: done.json.data.attributes, errors: details };
}

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
