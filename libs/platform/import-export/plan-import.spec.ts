import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ImportChunk, unpackRows } from './import-chunk';
import { defineImportFormat } from './import-format';
import { planImport } from './plan-import';

// A format with a hierarchy, as commerce's customers have (the platform imports no module).
const customerImportFormat = defineImportFormat({
  type: 'customers',
  idColumn: 'Id',
  identity: ['name'],
  hierarchy: { relationship: 'parent', idHeader: 'Parent Id', nameHeader: 'Parent Name', nameAttribute: 'name', ownNameHeader: 'Name' },
  columns: [
    { header: 'Name', attribute: 'name' },
    { header: 'Parent Id', relationship: 'parent' },
    { header: 'Parent Name', relationship: 'parent', by: 'name' },
  ],
});

describe('planImport: the order of rows and what waits in memory', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-import-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  async function plan(lines: string[], stored: string[], chunkSize: number) {
    const file = path.join(folder, `${Math.random().toString(16).slice(2)}.csv`);
    fs.writeFileSync(file, lines.join('\n'));
    const chunks: ImportChunk[] = [];
    const asked: string[][] = [];
    const outcome = await planImport(customerImportFormat, file, false, async (chunk) => void chunks.push(chunk), chunkSize, async (names) => {
      asked.push(names);
      return new Set(names.filter((name) => stored.includes(name)));
    });
    return { outcome, asked, chunks: chunks.map((chunk) => unpackRows(chunk)) };
  }

  // 20 000 children of a stored customer: they go out in file order as soon as a chunk's worth waits and the
  // database says it has their parent, not at the end of the file (they would all be in memory until then).
  it('lets children of a stored parent go out while the file is read, asking about each parent once', async () => {
    const children = Array.from({ length: 20_000 }, (_, i) => `Child ${i + 1},Stored Root`);
    const { outcome, asked, chunks } = await plan(['Name,Parent Name', ...children, 'Last,'], ['Stored Root'], 1000);
    expect(outcome).toEqual({ errors: [], refused: 0, rows: 20_001 });
    expect(asked).toEqual([['Stored Root']]);
    expect(chunks[0].map((row) => row.n)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(chunks[0][0]).toEqual({ n: 1, cells: { Name: 'Child 1', 'Parent Name': 'Stored Root' } });
    expect(chunks.flat().map((row) => row.n)).toEqual(Array.from({ length: 20_001 }, (_, i) => i + 1));
  });

  it('keeps children waiting for a parent the database does not have until it is read, then orders them after it', async () => {
    const children = Array.from({ length: 3000 }, (_, i) => `Child ${i + 1},Late Root`);
    const { outcome, asked, chunks } = await plan(['Name,Parent Name', ...children, 'Late Root,'], [], 1000);
    expect(outcome.errors).toEqual([]);
    expect(asked.flat()).toEqual(['Late Root']);
    const order = chunks.flat();
    expect(order[0]).toEqual({ n: 3001, cells: { Name: 'Late Root' } });
    expect(order.slice(1).every((row) => row.parentInFile)).toBe(true);
    expect(order).toHaveLength(3001);
  });

  it('never holds a row naming its parent by id (only stored records have ids) and still refuses cycles in the file', async () => {
    const { outcome, asked, chunks } = await plan(['Name,Parent Id,Parent Name', 'By Id,7,', 'Cyc A,,Cyc B', 'Cyc B,,Cyc A'], [], 1000);
    expect(asked).toEqual([]);
    expect(chunks.flat()).toEqual([{ n: 1, cells: { Name: 'By Id', 'Parent Id': '7' } }]);
    expect(outcome.errors.map((e) => e.detail)).toEqual([
      "Error in row #2. Parent Name: Circular reference detected in the file: rows #2, #3 are each other's parents.",
      "Error in row #3. Parent Name: Circular reference detected in the file: rows #2, #3 are each other's parents.",
    ]);
  });
});
