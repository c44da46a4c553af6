/**
 * Turns an input file into a stream of located JSON-like items, whatever its container: NDJSON
 * (gzipped or not), a `{"values":[…]}` envelope (metadata or an API data page), or a long CSV.
 * Everything streams, so memory does not grow with the file.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse';
import StreamJson from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import { ImportError } from './import-error.js';

export interface LocatedItem {
  item: unknown;
  /** "file:line" (NDJSON, CSV) or "file: values[i]" (JSON envelopes). */
  location: string;
  /** Set when this line could not be read at all; the importer stops or skips it. */
  invalid?: string;
}

export type Container = 'ndjson' | 'envelope' | 'csv';

export interface OpenedSource {
  container: Container;
  items: AsyncIterable<LocatedItem>;
  /** Bytes of the file read so far (compressed bytes for .gz), for progress. */
  bytesRead(): number;
  totalBytes: number;
}

async function sniff(path: string): Promise<{ gzip: boolean; size: number }> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ImportError(path, `cannot open file (${error.code ?? error.message})`);
  });
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    return { gzip: head[0] === 0x1f && head[1] === 0x8b, size };
  } finally {
    await handle.close();
  }
}

/** Peeks at the first non-blank characters of the (decompressed) content to choose a container. */
async function detectContainer(path: string, gzip: boolean): Promise<Container> {
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  const stream = plainStream(path, gzip).stream;
  let head = '';
  try {
    for await (const chunk of stream) {
      head += String(chunk);
      if (head.trim().length > 0 || head.length > 4096) break;
    }
  } catch {
    // A broken file is reported where it is read for real, with its line.
  } finally {
    stream.destroy();
  }
  const first = head.trimStart();
  // Stryker disable next-line MethodExpression: equivalent — the regex after it also matches '{"values"'.
  if (first.startsWith('{"values"') || /^\{\s*"(values|count|next_url|next_page)"/.test(first))
    return 'envelope';
  if (first.startsWith('{')) return 'ndjson';
  return 'csv';
}

function plainStream(path: string, gzip: boolean): { stream: Readable; bytesRead(): number } {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  // Counting in a transform (not a 'data' listener) keeps the file paused until someone reads.
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const out = gzip ? createGunzip() : new PassThrough();
  file.on('error', (error) => out.destroy(error));
  counter.on('error', (error) => out.destroy(error));
  file.pipe(counter).pipe(out);
  // A reader may stop early (the importer peeks at the first item, then closes the source). Then the
  // whole chain stops, and an error zlib still reports for input it had buffered (a truncated gzip)
  // has nobody to hear it: on Node 24 that was an uncaught exception. Readers that are still reading
  // get the error through their own listener (the stream's async iterator).
  out.on('close', () => {
    counter.destroy();
    file.destroy();
  });
  out.on('error', () => {});
  return { stream: out, bytesRead: () => bytes };
}

export async function openSource(path: string): Promise<OpenedSource> {
  const { gzip, size } = await sniff(path);
  const container = await detectContainer(path, gzip);
  const read = container === 'ndjson' ? ndjsonItems : container === 'csv' ? csvItems : envelopeItems;
  let bytesRead = () => 0;
  // The file is opened when the first item is asked for, not before: a stream that fails (a truncated
  // gzip) while nobody reads it yet loses what it had decompressed on Node 24, so the items before the
  // damage would not be imported.
  async function* items(): AsyncGenerator<LocatedItem> {
    const opened = plainStream(path, gzip);
    bytesRead = opened.bytesRead;
    yield* read(path, opened.stream);
  }
  return { container, items: items(), bytesRead: () => bytesRead(), totalBytes: size };
}

function describeStreamError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR')
    return `the gzip data is truncated or corrupt (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The lines of a text stream (LF or CRLF). Reads the stream's own async iterator, which rejects when
 * the stream fails (a truncated gzip): readline's iterator does not on every Node version (on Node 24
 * the error escaped as an uncaught exception and the import waited forever).
 */
async function* linesOf(stream: Readable): AsyncGenerator<string> {
  // Stryker disable next-line StringLiteral: equivalent — an empty encoding name is read as UTF-8.
  stream.setEncoding('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    // Stryker disable next-line StringLiteral: equivalent — split always gives at least one part.
    rest = parts.pop() ?? '';
    // Stryker disable next-line MethodExpression: equivalent for NDJSON, its only reader — JSON.parse and the blank-line check ignore a CR.
    for (const line of parts) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  // Stryker disable next-line all: equivalent for NDJSON, its only reader — an empty or CR-ended last line reads the same.
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

async function* ndjsonItems(name: string, stream: Readable): AsyncGenerator<LocatedItem> {
  const lines = linesOf(stream);
  let lineNo = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      const location = `${name}:${lineNo}`;
      let item: unknown;
      try {
        item = JSON.parse(line);
      } catch (error) {
        yield { item: null, location, invalid: `broken JSON (${(error as Error).message})` };
        continue;
      }
      yield { item, location };
    }
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: equivalent — nothing in this loop throws an ImportError.
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${name}:${lineNo + 1}`, describeStreamError(error));
  } finally {
    stream.destroy();
  }
}

async function* envelopeItems(name: string, stream: Readable): AsyncGenerator<LocatedItem> {
  const parser = StreamJson.parser();
  const pipeline = stream
    .pipe(parser)
    .pipe(Pick.pick({ filter: 'values' }))
    .pipe(StreamArray.streamArray());
  stream.on('error', (error) => pipeline.destroy(error));
  parser.on('error', (error) => pipeline.destroy(error));
  let index = -1;
  try {
    for await (const entry of pipeline as AsyncIterable<{ key: number; value: unknown }>) {
      index = entry.key;
      yield { item: entry.value, location: `${name}: values[${index}]` };
    }
  } catch (error) {
    throw new ImportError(
      `${name}: after values[${index}]`,
      `broken JSON or data (${describeStreamError(error)})`,
    );
  } finally {
    stream.destroy();
  }
}

/** Long CSV, `kpi,municipality|ou,period,gender,value[,status]`, becomes data items one value each. */
async function* csvItems(name: string, stream: Readable): AsyncGenerator<LocatedItem> {
  const parser = parseCsv({
    // Stryker disable next-line MethodExpression: equivalent — `trim: true` below already trims the header's names.
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    info: true,
    trim: true,
    skip_empty_lines: true,
    // Stryker disable next-line BooleanLiteral: equivalent — `trim` removes a BOM from the first name too (U+FEFF is white space to trim).
    bom: true,
  });
  stream.on('error', (error) => parser.destroy(error));
  stream.pipe(parser);
  let line = 1;
  try {
    for await (const record of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      line = record.info.lines;
      const row = record.record;
      const location = `${name}:${line}`;
      const unitKey = 'municipality' in row ? 'municipality' : 'ou' in row ? 'ou' : null;
      if (!('kpi' in row) || !unitKey || !('period' in row) || !('gender' in row) || !('value' in row)) {
        throw new ImportError(
          `${name}:1`,
          'CSV header must be kpi,municipality (or ou),period,gender,value[,status]',
        );
      }
      yield {
        location,
        item: {
          kpi: row.kpi,
          [unitKey]: row[unitKey],
          period: row.period,
          values: [
            {
              gender: row.gender,
              // Stryker disable next-line StringLiteral: equivalent — the header check above makes `value` present.
              value: csvValue(row.value ?? '', location),
              status: row.status ?? '',
              count: 1,
            },
          ],
        },
      };
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    // csv-parse's own errors (a row of the wrong width) carry the bad row's line; `line` is the last good one's.
    const at = (error as { lines?: unknown }).lines;
    throw new ImportError(`${name}:${typeof at === 'number' ? at : line}`, describeStreamError(error));
  } finally {
    stream.destroy();
  }
}

function csvValue(text: string, location: string): number | null {
  if (text === '') return null;
  const value = Number(text.replace(',', '.'));
  if (!Number.isFinite(value)) throw new ImportError(location, `value "${text}" is not a number`);
  return value;
}
