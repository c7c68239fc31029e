import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';

/** Where export operations' files are written: `<DATA_DIR>/exports/`. */
export function exportFolder(dataDir: string): string {
  return join(dataDir, 'exports');
}

/** An export operation's file name: `<operation id>.csv`. */
export const exportFileName = (operationId: string) => `${operationId}.csv`;

/** Where an export operation's file is written: `<DATA_DIR>/exports/<operation id>.csv`. */
export function exportFilePath(dataDir: string, operationId: string): string {
  return join(exportFolder(dataDir), exportFileName(operationId));
}

/** Rows as CSV text, escaped as the streamed export escapes them (a cell a spreadsheet would run gets an apostrophe). */
export function csvText(rows: string[][]): string {
  return rows.length === 0 ? '' : stringify(rows, { escape_formulas: true });
}

/** The byte order mark a CSV download starts with (spreadsheets then read accents right). */
export const CSV_BOM = '\uFEFF';

/**
 * An export's file while a chunk writes to it: opened at the length the last committed chunk left (whatever a failed
 * attempt appended after it is cut off), appended to, and flushed to disk before the chunk commits its new length.
 */
export class ExportFile {
  private constructor(
    private readonly handle: FileHandle,
    private size: number,
  ) {}

  static async openAt(path: string, length: number): Promise<ExportFile> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, length === 0 ? 'w' : 'r+');
    await handle.truncate(length);
    return new ExportFile(handle, length);
  }

  get length(): number {
    return this.size;
  }

  async append(text: string): Promise<void> {
    if (text === '') return;
    const bytes = Buffer.from(text, 'utf8');
    await this.handle.write(bytes, 0, bytes.length, this.size);
    this.size += bytes.length;
  }

  async close(): Promise<void> {
    try {
      await this.handle.datasync();
    } finally {
      await this.handle.close();
    }
  }
}
