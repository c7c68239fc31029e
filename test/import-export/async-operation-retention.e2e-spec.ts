import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TransactionRunner } from '../../libs/platform';
import { AsyncOperationPurge, Scheduler } from '../../libs/platform/runtime';
import { type TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, seedIdentities } from '../identity/auth-helpers';
import { downloadCsv, uploadCsv } from './import-helpers';

/** Finished asynchronous operations are removed after the retention, with their errors and files, and stray uploads a day later; nothing else is. */
describe('retention of asynchronous operations', () => {
  let t: TestApp;
  let admin: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-retention-'));
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);
  const exportFile = (id: string) => path.join(dataDir, 'exports', `${id}.csv`);
  const startExport = async () => {
    const started = await api(t, admin, 'POST', '/admin/api/exports', { data: { type: 'exports', attributes: { entityType: 'customers' } } });
    expect(started.status).toBe(202);
    return started.json.data.id as string;
  };
  const age = (id: string, days: number) =>
    sql(`UPDATE platform.async_operation SET created_at = now() - make_interval(days => $2), finished_at = CASE WHEN finished_at IS NOT NULL THEN now() - make_interval(days => $2) END WHERE id = $1`, [id, days]);
  const existing = async (ids: string[]) =>
    (await sql(`SELECT id::text AS id FROM platform.async_operation WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids])).map((r: { id: string }) => r.id);

  beforeAll(async () => {
    t = await createTestApp({ modules: ['crm', 'commerce'], env: { DATA_DIR: dataDir, ASYNC_OPERATION_RETENTION_DAYS: '30' } });
    await seedIdentities(t);
    await t.drain();
    admin = await login(t, 'admin@acme.test');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('drops the chunks of an import once it is finished, keeping its counts, errors and validate-only flag', async () => {
    const started = await uploadCsv(t, admin, 'customers', 'Name\nKept One\n=cmd\n', { validateOnly: 'true' });
    expect(started.status).toBe(202);
    const id = started.json.data.id;
    await t.drain();
    const done = await api(t, admin, 'GET', `/admin/api/asyncoperations/${id}`);
    expect(done.json.data.attributes).toMatchObject({ status: 'success', validateOnly: true, summary: { readCount: 2, errorCount: 1 } });
    expect(await sql(`SELECT data FROM platform.async_operation_chunk WHERE operation_id = $1`, [id])).toEqual([{ data: {} }]);
    expect(fs.readdirSync(path.join(dataDir, 'imports'))).toEqual([]);
  });

  it('removes old finished operations with their errors and files every night; keeps recent and unfinished ones', async () => {
    // Old and finished: an export (its file), an import with a refused row (its errors), an import that failed before
    // its upload was read (the upload).
    const oldExport = await startExport();
    const oldImport = (await uploadCsv(t, admin, 'customers', 'Name\nOld Import\n=cmd\n')).json.data.id;
    await t.drain();
    const failedUpload = (await uploadCsv(t, admin, 'customers', 'Name\nNever Read\n')).json.data.id;
    const [{ source }] = await sql(`SELECT source FROM platform.async_operation WHERE id = $1`, [failedUpload]);
    expect(fs.existsSync(source.file)).toBe(true);
    await sql(`UPDATE platform.async_operation SET status = 'failed', finished_at = now() WHERE id = $1`, [failedUpload]);
    // Recent: an export finished now. Unfinished: an old operation still running.
    const recentExport = await startExport();
    await t.drain();
    const running = (await uploadCsv(t, admin, 'customers', 'Name\nStill Running\n')).json.data.id;
    await sql(`UPDATE platform.async_operation SET status = 'running' WHERE id = $1`, [running]);
    for (const id of [oldExport, oldImport, failedUpload, running]) await age(id, 31);
    await age(recentExport, 29);
    expect(fs.existsSync(exportFile(oldExport))).toBe(true);
    expect(await sql(`SELECT count(*)::int AS n FROM platform.async_operation_error WHERE operation_id = $1`, [oldImport])).toEqual([{ n: 1 }]);

    // The nightly schedule requests the purge; the worker runs it.
    const scheduler = t.get(Scheduler);
    const now = new Date();
    await scheduler.runDue(now);
    expect(await scheduler.runDue(new Date(now.getTime() + 24 * 3600 * 1000))).toContain('platform.purge-async-operations');
    await t.drain();

    expect(await existing([oldExport, oldImport, failedUpload, recentExport, running])).toEqual([recentExport, running]);
    expect(await sql(`SELECT count(*)::int AS n FROM platform.async_operation_error WHERE operation_id = $1`, [oldImport])).toEqual([{ n: 0 }]);
    expect(await sql(`SELECT count(*)::int AS n FROM platform.async_operation_chunk WHERE operation_id = ANY($1::bigint[])`, [[oldExport, oldImport]])).toEqual([{ n: 0 }]);
    expect(fs.existsSync(exportFile(oldExport))).toBe(false);
    expect(fs.existsSync(source.file)).toBe(false);
    expect(fs.existsSync(exportFile(recentExport))).toBe(true);
    expect((await downloadCsv(t, admin, `/admin/api/asyncoperations/${recentExport}/file`)).status).toBe(200);
    expect((await api(t, admin, 'GET', `/admin/api/asyncoperations/${oldExport}`)).status).toBe(404);

    // Run now with a shorter retention (the CLI's --days): the recent export goes too, the running one stays.
    expect(await t.get(AsyncOperationPurge).purge(7)).toEqual({ operations: 1, errors: 0, files: 1, orphanedFiles: 0 });
    expect(await existing([recentExport, running])).toEqual([running]);
    expect(await t.get(AsyncOperationPurge).purge(0)).toEqual({ operations: 0, errors: 0, files: 0, orphanedFiles: 0 });
  });

  it('sweeps uploads no operation references once they are a day old, even when operations are kept', async () => {
    const uploads = path.join(dataDir, 'imports');
    const dayAndMore = (file: string) => fs.utimesSync(file, new Date(Date.now() - 25 * 3600 * 1000), new Date(Date.now() - 25 * 3600 * 1000));
    // A stray upload (its operation never committed) old enough, one that may still be on its way, one an operation waits to read.
    const stray = path.join(uploads, 'stray-upload.csv');
    const recent = path.join(uploads, 'recent-upload.csv');
    fs.writeFileSync(stray, 'Name\nLost\n');
    fs.writeFileSync(recent, 'Name\nArriving\n');
    dayAndMore(stray);
    const waiting = (await uploadCsv(t, admin, 'customers', 'Name\nWaiting Import\n')).json.data.id;
    const [{ source }] = await sql(`SELECT source FROM platform.async_operation WHERE id = $1`, [waiting]);
    dayAndMore(source.file);

    // Retention 0 keeps every operation; orphaned uploads belong to none and go all the same.
    expect(await t.get(AsyncOperationPurge).purge(0)).toEqual({ operations: 0, errors: 0, files: 0, orphanedFiles: 1 });
    expect([fs.existsSync(stray), fs.existsSync(recent), fs.existsSync(source.file)]).toEqual([false, true, true]);
    // The waiting import still reads its upload.
    await t.drain();
    expect((await api(t, admin, 'GET', `/admin/api/asyncoperations/${waiting}`)).json.data.attributes).toMatchObject({ status: 'success', summary: { createCount: 1 } });
    fs.rmSync(recent);
  });

  it('sweeps export files whose operation is gone (a crash between the purge\'s commit and the removal) once they are a day old', async () => {
    const dayAndMore = (file: string) => fs.utimesSync(file, new Date(Date.now() - 25 * 3600 * 1000), new Date(Date.now() - 25 * 3600 * 1000));
    const kept = await startExport();
    await t.drain();
    dayAndMore(exportFile(kept));
    // The file of an operation the purge removed without removing the file, one whose operation may be on its way,
    // and a file not named as an export.
    const [{ id: gone }] = await sql(`SELECT (max(id) + 1000)::text AS id FROM platform.async_operation`);
    const recentId = String(Number(gone) + 1);
    fs.writeFileSync(exportFile(gone), 'Name\n');
    fs.writeFileSync(exportFile(recentId), 'Name\n');
    const other = path.join(dataDir, 'exports', 'notes.txt');
    fs.writeFileSync(other, 'kept');
    dayAndMore(exportFile(gone));
    dayAndMore(other);

    expect(await t.get(AsyncOperationPurge).purge(0)).toEqual({ operations: 0, errors: 0, files: 0, orphanedFiles: 1 });
    expect([exportFile(gone), exportFile(recentId), exportFile(kept), other].map((file) => fs.existsSync(file))).toEqual([false, true, true, true]);
    expect((await downloadCsv(t, admin, `/admin/api/asyncoperations/${kept}/file`)).status).toBe(200);
    fs.rmSync(exportFile(recentId));
    fs.rmSync(other);
  });
});
