import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';

/** A whole file cannot be read (its encoding, its quoting): one error for the file, nothing written. */
export class CsvFileRefused extends Error {}

/** A record of the file: its number (the header is row 0, data rows count from 1) and its cells, or why it was refused. */
export type CsvRecord = { n: number; cells: string[]; header?: string[] } | { n: number; problem: string };

/**
 * Streams a CSV file's records, in batches (whatever the parser has ready: one await per batch, not per record):
 * UTF-8 with or without BOM (other bytes refuse the whole file, naming the offset), comma or semicolon (whichever the
 * header line has more of, outside quotes). A record csv-parse cannot read (a stray quote) or whose cell count differs
 * from the header's comes as a `problem` and the rest goes on; a quote never closed refuses the file.
 */
export async function* readCsv(path: string): AsyncGenerator<CsvRecord[]> {
  const delimiter = await detectDelimiter(path);
  // A record the parser refuses is reported on the side, while it parses (ahead of the reader): it is placed by the
  // number of records the parser had emitted before it, so it keeps its place among the others.
  const skipped: Array<{ before: number; problem: string }> = [];
  let unclosed: Error | null = null;
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      // A quote never closed swallows the rest of the file: no row after it can be trusted.
      if ((error as { code?: string } | undefined)?.code === 'CSV_QUOTE_NOT_CLOSED') return void (unclosed = error!);
      skipped.push({ before: parser.info.records, problem: error ? describeParseError(error) : 'The row cannot be read.' });
    },
  });
  const source = createReadStream(path).pipe(new Utf8Check());
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let emitted = 0;
  let refused = 0;
  let width = 0;
  const takeSkipped = (batch: CsvRecord[], upTo: number) => {
    while (skipped.length && skipped[0].before <= upTo) batch.push({ n: emitted + refused++, problem: skipped.shift()!.problem });
  };
  try {
    for await (const parsed of batchesOf<string[]>(parser)) {
      const batch: CsvRecord[] = [];
      for (const cells of parsed) {
        takeSkipped(batch, emitted);
        const n = emitted + refused;
        emitted += 1;
        if (n === 0) {
          width = cells.length;
          batch.push({ n, cells, header: cells });
        } else if (cells.length !== width) batch.push({ n, problem: `The row has ${cells.length} cells; the header has ${width}.` });
        else batch.push({ n, cells });
      }
      if (batch.length) yield batch;
    }
    const rest: CsvRecord[] = [];
    takeSkipped(rest, Infinity);
    if (rest.length) yield rest;
    if (unclosed) throw new CsvFileRefused(`The file is not valid CSV: ${describeParseError(unclosed)}`);
  } catch (error) {
    if (error instanceof CsvFileRefused) throw error;
    throw new CsvFileRefused(`The file is not valid CSV: ${describeParseError(error as Error)}`);
  } finally {
    source.destroy();
  }
}

/** What an object stream has ready, as arrays: one wait per batch rather than one per object. */
async function* batchesOf<T>(stream: Readable): AsyncGenerator<T[]> {
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  stream.on('readable', () => wake?.());
  stream.on('end', () => ((ended = true), wake?.()));
  stream.on('error', (error) => ((failure = error), wake?.()));
  for (;;) {
    const batch: T[] = [];
    let item: T | null;
    while ((item = stream.read() as T | null) !== null) batch.push(item);
    if (batch.length) {
      yield batch;
      continue;
    }
    if (failure) throw failure;
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
}

function describeParseError(error: Error & { code?: string; lines?: number }): string {
  const where = error.lines !== undefined ? ` (line ${error.lines})` : '';
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return `a quoted cell is never closed${where}.`;
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return `A quote inside a quoted cell is not doubled${where}.`;
  return `${error.message.replace(/\s+/g, ' ').slice(0, 200)}`;
}

/** Comma or semicolon: whichever the first line has more of outside quotes (comma when tied). */
async function detectDelimiter(path: string): Promise<',' | ';'> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    let commas = 0;
    let semicolons = 0;
    let quoted = false;
    for (const ch of buffer.subarray(0, bytesRead).toString('utf8')) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === '\n' || ch === '\r')) break;
      else if (!quoted && ch === ',') commas += 1;
      else if (!quoted && ch === ';') semicolons += 1;
    }
    return semicolons > commas ? ';' : ',';
  } finally {
    await file.close();
  }
}

/**
 * Passes bytes through while they are UTF-8; the first that is not refuses the file (Latin-1 exports are common).
 * `isUtf8` checks without decoding (an upload of a gigabyte is checked as it streams in); a character cut by the end
 * of a block is checked with the next one.
 */
export class Utf8Check extends Transform {
  private tail: Buffer = Buffer.alloc(0);
  private offset = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const end = completeLength(bytes);
    if (!isUtf8(bytes.subarray(0, end))) {
      return done(new CsvFileRefused(`The file is not UTF-8 (an invalid byte after offset ${this.offset}); save it as UTF-8 and send it again.`));
    }
    this.tail = Buffer.from(bytes.subarray(end));
    this.offset += chunk.length;
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.tail.length) return done(new CsvFileRefused('The file is not UTF-8 (it ends inside a character); save it as UTF-8 and send it again.'));
    done();
  }
}

/** The length of the bytes before a character the block cuts (its lead byte is among the last three bytes). */
function completeLength(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const byte = bytes[i];
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) return i + (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2) > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}
