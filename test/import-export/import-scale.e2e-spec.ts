import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TransactionRunner } from '../../libs/platform';
import { type TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, seedIdentities } from '../identity/auth-helpers';
import { uploadCsv } from './import-helpers';

describe('a 10 000-row CSV import', () => {
  let t: TestApp;
  let admin: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-import-scale-'));
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);

  beforeAll(async () => {
    t = await createTestApp({ modules: ['commerce'], env: { DATA_DIR: dataDir } });
    await seedIdentities(t);
    await t.drain();
    admin = await login(t, 'admin@acme.test');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Three bad rows (an unknown parent, a blank name, a formula). The worker fails once while it reads the file into
  // chunks, and once in the middle of a chunk (as when it is killed), and runs each again: every good row is written
  // exactly once.
  it('writes exactly the 9 997 good rows once, reports exactly the 3 bad ones, and resumes a failed split and a failed chunk', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const n = i + 1;
      if (n === 1234) return 'Scale 1234,Scale Nowhere';
      if (n === 5678) return ',Scale 1';
      if (n === 9999) return '@SUM(A1),';
      // Every tenth customer is a child of the row after it: parents later in the file.
      return n % 10 === 1 ? `Scale ${n},Scale ${n + 1}` : `Scale ${n},`;
    });
    await sql(`CREATE SEQUENCE public.import_crash_once`);
    await sql(`CREATE FUNCTION public.import_crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = 'Scale 6000' AND nextval('public.import_crash_once') = 1 THEN RAISE EXCEPTION 'the worker was lost'; END IF;
        RETURN NEW;
      END $$`);
    await sql(`CREATE TRIGGER import_crash_once BEFORE INSERT ON commerce.customer FOR EACH ROW EXECUTE FUNCTION public.import_crash_once()`);
    await sql(`CREATE SEQUENCE public.import_split_crash_once`);
    await sql(`CREATE FUNCTION public.import_split_crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.chunk = 2 AND nextval('public.import_split_crash_once') = 1 THEN RAISE EXCEPTION 'the worker was lost while splitting'; END IF;
        RETURN NEW;
      END $$`);
    await sql(`CREATE TRIGGER import_split_crash_once BEFORE INSERT ON platform.async_operation_chunk FOR EACH ROW EXECUTE FUNCTION public.import_split_crash_once()`);
    try {
      const started = await uploadCsv(t, admin, 'customers', ['Name,Parent Name', ...rows].join('\n'));
      // Answered before the file is read: no chunk yet, nothing written.
      expect(started.status).toBe(202);
      expect(started.json.data.attributes).toMatchObject({ status: 'new', progress: 0 });
      const id = started.json.data.id;
      expect(await sql(`SELECT count(*)::int AS n FROM platform.async_operation_chunk WHERE operation_id = $1`, [id])).toEqual([{ n: 0 }]);
      expect(fs.readdirSync(path.join(dataDir, 'imports'))).toHaveLength(1);
      await t.drain(240_000);
      const done = await api(t, admin, 'GET', `/admin/api/asyncoperations/${id}`);
      expect(done.json.data.attributes).toMatchObject({ status: 'success', progress: 100, summary: { readCount: 10_000, createCount: 9_997, updateCount: 0, errorCount: 3 } });
      const errors = await api(t, admin, 'GET', `/admin/api/asyncoperations/${id}/errors?page[size]=-1`);
      expect(errors.json.data.map((e: { attributes: { detail: string } }) => e.attributes.detail.replace(/: .*/, '')).sort()).toEqual([
        'Error in row #1234. Parent Name',
        'Error in row #5678. Name',
        'Error in row #9999. Name',
      ]);
      // The chunk holding "Scale 6000" failed once (its rows rolled back with it) and ran again.
      expect(await sql(`SELECT last_value::int AS runs FROM public.import_crash_once`)).toEqual([{ runs: 2 }]);
      // The file was read into chunks twice (the first split rolled back whole), then removed.
      expect(await sql(`SELECT last_value::int AS runs FROM public.import_split_crash_once`)).toEqual([{ runs: 2 }]);
      expect(fs.readdirSync(path.join(dataDir, 'imports'))).toEqual([]);
      expect(await sql(`SELECT count(*)::int AS chunks, count(done_at)::int AS done FROM platform.async_operation_chunk WHERE operation_id = $1`, [id])).toEqual([
        { chunks: 2, done: 2 },
      ]);
      expect(await sql(`SELECT count(*)::int AS n, count(DISTINCT name)::int AS names FROM commerce.customer WHERE name LIKE 'Scale %'`)).toEqual([{ n: 9_997, names: 9_997 }]);
      expect(
        await sql(`SELECT count(*)::int AS n FROM commerce.customer c JOIN commerce.customer p ON p.id = c.parent_id WHERE c.name LIKE 'Scale %'`),
      ).toEqual([{ n: 1000 }]);
    } finally {
      await sql(`DROP TRIGGER import_crash_once ON commerce.customer`);
      await sql(`DROP TRIGGER import_split_crash_once ON platform.async_operation_chunk`);
    }
  });
});
