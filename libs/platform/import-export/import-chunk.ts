/** A data row as a chunk carries it: its number in the file and its non-empty cells by canonical header. */
export interface ImportRow {
  n: number;
  cells: Record<string, string>;
  /** Its parent is a row of the same file (validate-only runs take it as found: nothing was written). */
  parentInFile?: boolean;
}

/**
 * A chunk of an import as it is stored (JSON) between reading the file and writing its rows: the file's headers
 * once, each row as `[n, parentInFile (1 or 0), ...its cells in the headers' order ('' for an empty one)]`. About half
 * the bytes of rows with named cells, so storing and reading a chunk costs half as much.
 */
export interface ImportChunk {
  validateOnly: boolean;
  headers: string[];
  rows: Array<Array<string | number>>;
}

export function packChunk(validateOnly: boolean, headers: string[], rows: ImportRow[]): ImportChunk {
  return {
    validateOnly,
    headers,
    rows: rows.map((row) => {
      const packed: Array<string | number> = [row.n, row.parentInFile ? 1 : 0];
      for (const header of headers) packed.push(row.cells[header] ?? '');
      while (packed.length > 2 && packed[packed.length - 1] === '') packed.pop();
      return packed;
    }),
  };
}

export function unpackRows({ headers, rows }: ImportChunk): ImportRow[] {
  return rows.map((packed) => {
    const cells: Record<string, string> = {};
    for (let i = 2; i < packed.length; i++) if (packed[i] !== '') cells[headers[i - 2]] = packed[i] as string;
    return packed[1] ? { n: packed[0] as number, cells, parentInFile: true } : { n: packed[0] as number, cells };
  });
}
