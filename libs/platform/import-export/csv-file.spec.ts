import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CsvRecord, readCsv } from './csv-file';

describe('readCsv', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-file-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  async function records(text: string): Promise<{ batches: number; records: CsvRecord[] }> {
    const file = path.join(folder, `${Math.random().toString(16).slice(2)}.csv`);
    fs.writeFileSync(file, text);
    const all: CsvRecord[] = [];
    let batches = 0;
    for await (const batch of readCsv(file)) {
      batches += 1;
      all.push(...batch);
    }
    return { batches, records: all };
  }

  // The parser reads ahead of the reader (a whole block at a time): a record it refuses keeps its own number, and the
  // records after it theirs, wherever the blocks end.
  it('numbers every record as the file has it, a refused one included, across many batches', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => (i + 1 === 15_000 ? 'Stray"quote,x' : `Row ${i + 1},x`));
    const { batches, records: read } = await records(['Name,Other', ...rows].join('\n'));
    expect(batches).toBeGreaterThan(1);
    expect(read).toHaveLength(20_001);
    expect(read.map((r) => r.n)).toEqual(Array.from({ length: 20_001 }, (_, i) => i));
    expect(read[0]).toMatchObject({ n: 0, header: ['Name', 'Other'] });
    expect(read[15_000]).toEqual({ n: 15_000, problem: expect.stringContaining('quote') });
    expect(read[14_999]).toEqual({ n: 14_999, cells: ['Row 14999', 'x'] });
    expect(read[15_001]).toEqual({ n: 15_001, cells: ['Row 15001', 'x'] });
  });

  it('reports a ragged row and a refused last row in place', async () => {
    const { records: read } = await records('Name;Other\nA;1\nB\nC;3\nD"quote;4\n');
    expect(read).toEqual([
      { n: 0, cells: ['Name', 'Other'], header: ['Name', 'Other'] },
      { n: 1, cells: ['A', '1'] },
      { n: 2, problem: 'The row has 1 cells; the header has 2.' },
      { n: 3, cells: ['C', '3'] },
      { n: 4, problem: expect.stringContaining('quote') },
    ]);
  });
});
