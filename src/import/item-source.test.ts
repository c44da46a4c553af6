/**
 * The readers alone, without a store: which container a file is read as (by name, else by its first
 * characters, gzipped or not), the items and their locations, what is marked invalid or refused, and
 * the byte counts for progress.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir, writeText } from '../../test/support/value-files.js';
import { ImportError } from './import-error.js';
import { type LocatedItem, openSource } from './item-source.js';

const dir = tempDir();

async function read(path: string): Promise<LocatedItem[]> {
  const out: LocatedItem[] = [];
  for await (const item of (await openSource(path)).items) out.push(item);
  return out;
}
const failure = (path: string) =>
  read(path).then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as ImportError,
  );

describe('openSource: the container', () => {
  const cases: [name: string, content: string, container: string][] = [
    ['a.csv', '{"kpi":"N1"}', 'csv'],
    ['a.CSV.gz', '{"kpi":"N1"}', 'csv'],
    ['a.ndjson', '{"values":[]}', 'ndjson'],
    ['a.JSONL', '{"values":[]}', 'ndjson'],
    ['b.jsonl.gz', '{"values":[]}', 'ndjson'],
    ['page.json', '{"values":[]}', 'envelope'],
    ['count.json', '\n  {\n "count": 0, "values": []}', 'envelope'],
    ['next.json', '{"next_url":null,"values":[]}', 'envelope'],
    ['nextpage.json', '{ "next_page":null,"values":[]}', 'envelope'],
    ['lines.json', '{"kpi":"N1","values":[]}\n', 'ndjson'],
    ['spaced.json', '   \n\n{"id":"N1"}', 'ndjson'],
    ['words.json', 'kpi,municipality', 'csv'],
    ['empty.json', '', 'csv'],
    ['gz.json.gz', '{"values":[]}', 'envelope'],
    ['gz-lines.dat', '{"kpi":"N1"}', 'ndjson'],
    ['odd.c.gzsv', '{"kpi":"N1"}', 'ndjson'],
    ['nested.json', '{"kpi":"N1","meta":{"count":1}}', 'ndjson'],
  ];
  for (const [name, content, container] of cases)
    it(`reads ${name} (${JSON.stringify(content.slice(0, 12))}) as ${container}`, async () => {
      const path = join(dir, name);
      const gzipped = name.toLowerCase().endsWith('.gz') || name.endsWith('.dat');
      writeFileSync(path, gzipped ? gzipSync(content) : content);
      expect((await openSource(path)).container).toBe(container);
    });

  it('decides by the first non-blank characters even after a long blank start', async () => {
    const path = writeText(dir, 'late.json', `${' '.repeat(5000)}{"values":[{"id":"N1"}]}`);
    expect((await openSource(path)).container).toBe('envelope');
    const blank = writeText(dir, 'blank.json', ' '.repeat(9000));
    expect((await openSource(blank)).container).toBe('csv');
  });

  it('refuses a file that cannot be opened, naming it and the reason', async () => {
    const missing = join(dir, 'missing.ndjson');
    const error = await openSource(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe(`${missing}: cannot open file (ENOENT)`);
  });
});

describe('openSource: NDJSON', () => {
  it('gives each line its item and file:line, skipping blank lines, with LF or CRLF', async () => {
    const path = writeText(dir, 'v.ndjson', '{"a":1}\r\n\n  \n{"a":2}\r\n{"a":3}\r');
    expect(await read(path)).toEqual([
      { item: { a: 1 }, location: `${path}:1` },
      { item: { a: 2 }, location: `${path}:4` },
      { item: { a: 3 }, location: `${path}:5` },
    ]);
    const noEnd = writeText(dir, 'w.ndjson', '{"a":1}\n{"a":2}');
    expect((await read(noEnd)).map((i) => i.item)).toEqual([{ a: 1 }, { a: 2 }]);
    const trailing = writeText(dir, 'x.ndjson', '{"a":1}\n');
    expect(await read(trailing)).toEqual([{ item: { a: 1 }, location: `${trailing}:1` }]);
  });

  it('marks a broken line invalid and reads on', async () => {
    const path = writeText(dir, 'broken.ndjson', '{"a":1}\n{"a":\n{"a":3}');
    const items = await read(path);
    expect(items[0]).toEqual({ item: { a: 1 }, location: `${path}:1` });
    expect(items[1]?.item).toBeNull();
    expect(items[1]?.location).toBe(`${path}:2`);
    expect(items[1]?.invalid).toMatch(/^broken JSON \(.+\)$/);
    expect(items[2]).toEqual({ item: { a: 3 }, location: `${path}:3` });
  });

  it('reads lines split across chunks of a gzipped file whole, and counts compressed bytes', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(40) }));
    const path = writeText(dir, 'big.ndjson.gz', lines.join('\n'));
    const source = await openSource(path);
    expect(source.bytesRead()).toBe(0);
    const items: LocatedItem[] = [];
    for await (const item of source.items) items.push(item);
    expect(items).toEqual(lines.map((line, i) => ({ item: JSON.parse(line), location: `${path}:${i + 1}` })));
    expect(source.bytesRead()).toBe(source.totalBytes);
    expect(source.totalBytes).toBe(gzipSync(lines.join('\n')).length);
  });

  it('names the line after the last whole one when the gzip data is cut short', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ i, noise: Math.sin(i) }));
    const gz = gzipSync(lines.join('\n'));
    const path = join(dir, 'cut.ndjson.gz');
    writeFileSync(path, gz.subarray(0, Math.floor(gz.length / 2)));
    const read: LocatedItem[] = [];
    const error = await (async () => {
      for await (const item of (await openSource(path)).items) read.push(item);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(read.length).toBeGreaterThan(0);
    expect((error as Error).message).toBe(
      `${path}:${read.length + 1}: the gzip data is truncated or corrupt (Z_BUF_ERROR)`,
    );
    const garbage = join(dir, 'garbage.ndjson.gz');
    writeFileSync(garbage, Buffer.concat([gz.subarray(0, 20), Buffer.alloc(200, 7)]));
    expect((await failure(garbage)).message).toMatch(
      /garbage\.ndjson\.gz:1: the gzip data is truncated or corrupt \(Z_DATA_ERROR\)$/,
    );
  });
});

describe('openSource: envelopes', () => {
  it('gives each entry of values with its index, ignoring the other fields', async () => {
    const path = writeText(
      dir,
      'page.json',
      JSON.stringify({ count: 2, values: [{ id: 'a' }, { id: 'b' }], next_url: null, more: [1] }),
    );
    const source = await openSource(path);
    expect(source.container).toBe('envelope');
    const items: LocatedItem[] = [];
    for await (const item of source.items) items.push(item);
    expect(items).toEqual([
      { item: { id: 'a' }, location: `${path}: values[0]` },
      { item: { id: 'b' }, location: `${path}: values[1]` },
    ]);
    expect(source.bytesRead()).toBe(source.totalBytes);
  });

  it('names the last entry read when the JSON breaks', async () => {
    const path = writeText(dir, 'bad.json', '{"values":[{"id":"a"},{"id":"b"},{"id":');
    const items: LocatedItem[] = [];
    const error = await (async () => {
      for await (const item of (await openSource(path)).items) items.push(item);
    })().catch((e: unknown) => e);
    expect(items.map((i) => i.location)).toEqual([`${path}: values[0]`, `${path}: values[1]`]);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: after values\\[1\\]: broken JSON or data \\(.+\\)$`,
      ),
    );
    const first = writeText(dir, 'bad0.json', '{"values":[{"id"');
    expect((await failure(first)).message).toContain(`${first}: after values[-1]: broken JSON or data (`);
  });
});

describe('openSource: CSV', () => {
  it('turns each row into a data item of one value, with its line, header names trimmed and in any case', async () => {
    const path = writeText(
      dir,
      'long.csv',
      '\uFEFF KPI , Municipality ,Period,Gender,Value,Status\r\nN1,1280,2022,T,"1,5",\r\n\r\nN1,1280,2021,K,,..\r\nN1,1280,2020,M,-2e1,\r\n',
    );
    expect(await read(path)).toEqual([
      {
        location: `${path}:2`,
        item: {
          kpi: 'N1',
          municipality: '1280',
          period: '2022',
          values: [{ gender: 'T', value: 1.5, status: '', count: 1 }],
        },
      },
      {
        location: `${path}:4`,
        item: {
          kpi: 'N1',
          municipality: '1280',
          period: '2021',
          values: [{ gender: 'K', value: null, status: '..', count: 1 }],
        },
      },
      {
        location: `${path}:5`,
        item: {
          kpi: 'N1',
          municipality: '1280',
          period: '2020',
          values: [{ gender: 'M', value: -20, status: '', count: 1 }],
        },
      },
    ]);
  });

  it('reads OU rows, fields trimmed, and a missing status as empty', async () => {
    const path = writeText(dir, 'ou.csv', 'kpi,ou,period,gender,value\nU1 , V15E1 ,2022,T,3\n');
    expect(await read(path)).toEqual([
      {
        location: `${path}:2`,
        item: {
          kpi: 'U1',
          ou: 'V15E1',
          period: '2022',
          values: [{ gender: 'T', value: 3, status: '', count: 1 }],
        },
      },
    ]);
  });

  it('refuses a header without each required column, naming line 1', async () => {
    const header = 'CSV header must be kpi,municipality (or ou),period,gender,value[,status]';
    for (const head of [
      'municipality,period,gender,value',
      'kpi,period,gender,value',
      'kpi,municipality,gender,value',
      'kpi,municipality,period,value',
      'kpi,municipality,period,gender',
    ]) {
      const path = writeText(
        dir,
        'head.csv',
        `${head}\n${head
          .split(',')
          .map(() => '1')
          .join(',')}\n`,
      );
      const error = await failure(path);
      expect(error, head).toBeInstanceOf(ImportError);
      expect(error.message).toBe(`${path}:1: ${header}`);
    }
  });

  it('refuses a value that is not a number, and a row of the wrong width, with their line', async () => {
    const path = writeText(
      dir,
      'nan.csv',
      'kpi,municipality,period,gender,value\nN1,1280,2022,T,1\nN1,1280,2021,T,12a\n',
    );
    expect((await failure(path)).message).toBe(`${path}:3: value "12a" is not a number`);
    const inf = writeText(dir, 'inf.csv', 'kpi,municipality,period,gender,value\nN1,1280,2022,T,Infinity\n');
    expect((await failure(inf)).message).toBe(`${inf}:2: value "Infinity" is not a number`);
    const wide = writeText(
      dir,
      'wide.csv',
      'kpi,municipality,period,gender,value\nN1,1280,2022,T,1\n\nN1,1280,2021,T,1,extra\n',
    );
    const error = await failure(wide);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toMatch(new RegExp(`^${wide.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4: .+`));
    // A stream error that is not csv-parse's names the last row read.
    const cut = join(dir, 'cut.csv.gz');
    const gz = gzipSync(`kpi,municipality,period,gender,value\n${'N1,1280,2022,T,1\n'.repeat(5000)}`);
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
    expect((await failure(cut)).message).toMatch(
      /cut\.csv\.gz:\d+: the gzip data is truncated or corrupt \(Z_BUF_ERROR\)$/,
    );
  });
});
