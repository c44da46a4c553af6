import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliResult } from '../../test/support/cli.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { REPO_ROOT } from '../../test/support/real-data.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { dataLine, META, tempDir, writeText } from '../../test/support/value-files.js';
import { ValueRepository } from '../store/repositories/value.repository.js';
import { importFiles } from './import.service.js';
import { ImportError } from './import-error.js';

const N1 = [
  dataLine('N1', '1280', 2021, 1, 0.5),
  dataLine('N1', '1280', 2022, 2),
  dataLine('N1', '1282', 2022, 3),
];
const N2 = [dataLine('N2', '1280', 2022, 20), dataLine('N2', '1282', 2022, 30)];
const N3 = [dataLine('N3', '1280', 2022, 300)];

for (const dialect of DIALECTS) {
  describe(`import on ${dialect}`, () => {
    let temp: TempStore;
    let dir: string;
    let values: ValueRepository;

    beforeEach(async () => {
      temp = await createTempStore(dialect);
      dir = tempDir();
      values = new ValueRepository(temp.store.db);
      await importFiles(temp.store, [
        writeText(dir, 'municipality.json', META.municipalities),
        writeText(dir, 'kpi.json', META.kpisV3),
        writeText(dir, 'municipality_groups.json', META.groups),
      ]);
    });
    afterEach(() => temp.destroy());

    const snapshot = async () =>
      (await values.find({})).map(
        (v) => `${v.kpi}/${v.municipality}/${v.period}/${v.gender}=${v.value}@${v.changedAt}`,
      );

    it('loads NDJSON (plain and gzipped) and is idempotent', async () => {
      const plain = writeText(dir, 'values.ndjson', [...N1, ...N2].join('\n'));
      const [first] = await importFiles(temp.store, [plain]);
      expect(first).toMatchObject({ kind: 'data', items: 5, values: 6, written: 6, unchanged: 0 });
      const before = await snapshot();
      const gz = writeText(dir, 'again.ndjson.gz', [...N1, ...N2].join('\n'));
      const [second] = await importFiles(temp.store, [gz]);
      expect(second).toMatchObject({ values: 6, written: 0, unchanged: 6 });
      expect(await snapshot()).toEqual(before);
    });

    it('reads API pages, CSV and v2 field names', async () => {
      const page = JSON.stringify({
        values: [JSON.parse(N1[0]!), JSON.parse(N2[0]!)],
        count: 2,
        next_url: null,
        previous_url: null,
      });
      const csv = 'kpi,municipality,period,gender,value,status\nN3,1282,2020,T,"1,5",\nN3,1282,2019,M,,..\n';
      const v2Kpi = JSON.stringify({
        values: [
          {
            id: 'N9',
            title: 'v2 KPI',
            auspices: 'X',
            is_divided_by_gender: 1,
            ou_publication_date: '2024-01-01',
            perspective: ['Volymer', 'Resurser'],
          },
        ],
      });
      await importFiles(temp.store, [
        writeText(dir, 'page.json', page),
        writeText(dir, 'long.csv', csv),
        writeText(dir, 'kpi-v2.json', v2Kpi),
      ]);
      const n3 = await values.find({ kpis: ['N3'] });
      expect(n3.map((v) => [v.period, v.gender, v.value, v.status])).toEqual([
        [2019, 'M', null, '..'],
        [2020, 'T', 1.5, ''],
      ]);
      expect(await values.count({ kpis: ['N1', 'N2'] })).toBe(3);
      const kpi = await temp.store.db
        .selectFrom('kpi')
        .selectAll()
        .where('id', '=', 'N9')
        .executeTakeFirstOrThrow();
      expect(kpi).toMatchObject({
        auspice: 'X',
        is_divided_by_gender: 1,
        ou_publication_date: '2024-01-01',
        perspective: 'Volymer,Resurser',
      });
    });

    it('keeps and reports values for unknown KPIs and municipalities', async () => {
      const [report] = await importFiles(temp.store, [
        writeText(
          dir,
          'v.ndjson',
          [dataLine('N1', '9999', 2022, 1), dataLine('X77', '1280', 2022, 5, 2)].join('\n'),
        ),
      ]);
      expect(report?.unknownKpis).toEqual({ X77: 2 });
      expect(report?.unknownUnits).toEqual({ '9999': 1 });
      expect(await values.count({})).toBe(3);
    });

    const corruptions: [string, string, RegExp][] = [
      ['broken JSON', '{"kpi":"N2","municipality":"1280",', /:5: broken JSON/],
      ['unknown gender', dataLine('N2', '1280', 2021, 1).replace('"T"', '"F"'), /:5: unknown gender "F"/],
      [
        'non-numeric value',
        dataLine('N2', '1280', 2021, 1).replace('"value":1', '"value":"12a"'),
        /:5: value "12a" is not a number/,
      ],
    ];
    for (const [what, line, message] of corruptions) {
      it(`stops at ${what} with file:line and leaves the KPI being written as it was`, async () => {
        await importFiles(temp.store, [writeText(dir, 'old.ndjson', N2.join('\n'))]);
        const before = await snapshot();
        const file = writeText(dir, 'bad.ndjson', [...N1, N2[0], line, N2[1], ...N3].join('\n'));
        const error = await importFiles(temp.store, [file]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportError);
        expect((error as Error).message).toMatch(
          new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}${message.source}`),
        );
        // N1 came whole before the bad line and is in; N2 is exactly as before; N3 was never reached.
        expect(await values.count({ kpis: ['N1'] })).toBe(4);
        const n2 = (await snapshot()).filter((s) => s.startsWith('N2/'));
        expect(n2).toEqual(before.filter((s) => s.startsWith('N2/')));
        expect(await values.count({ kpis: ['N3'] })).toBe(0);
        const log = await temp.store.db
          .selectFrom('import_log')
          .selectAll()
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        expect(log.status).toBe('failed');
      });
    }

    it('reports a truncated gzip with its line and writes only whole KPIs', async () => {
      const lines: string[] = [];
      for (let year = 1990; year < 2090; year++) lines.push(dataLine('N1', '1280', year, year));
      for (let year = 1990; year < 2090; year++) lines.push(dataLine('N2', '1280', year, year));
      const gz = gzipSync(lines.join('\n'));
      const file = join(dir, 'cut.ndjson.gz');
      writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.8)));
      const error = await importFiles(temp.store, [file]).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/cut\.ndjson\.gz:\d+: the gzip data is truncated/);
      expect(await values.count({ kpis: ['N1'] })).toBe(100);
      expect(await values.count({ kpis: ['N2'] })).toBe(0);
    });

    it('fails on a file whose only line is broken, instead of calling it empty', async () => {
      const file = writeText(dir, 'only-bad.ndjson', 'not json\n');
      await expect(importFiles(temp.store, [file])).rejects.toThrow(/only-bad\.ndjson:1: broken JSON/);
    });

    it('skips and reports malformed lines with --skip-invalid', async () => {
      const file = writeText(
        dir,
        'bad.ndjson',
        [...N1, 'not json', dataLine('N2', '1280', 2021, 1).replace('"T"', '"F"'), ...N2].join('\n'),
      );
      const [report] = await importFiles(temp.store, [file], { skipInvalid: true });
      expect(report?.skipped.count).toBe(2);
      expect(report?.skipped.examples[0]).toMatch(/bad\.ndjson:4: broken JSON/);
      expect(report?.skipped.examples[1]).toMatch(/bad\.ndjson:5: unknown gender/);
      expect(await values.count({})).toBe(6);
    });
  });
}

describe('etablera import (CLI)', () => {
  it('fails with one clear line naming file:line, exit code 1, no stack trace', async () => {
    const dir = tempDir();
    const file = writeText(dir, 'bad.ndjson', `${dataLine('N1', '1280', 2022, 1)}\n{"kpi":`);
    const result = await cliResult(['import', file], { env: { DATABASE_URL: '', ETABLERA_DATA_DIR: dir } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`etablera: ${file}:2: broken JSON`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('has --help on every command', async () => {
    for (const command of ['serve', 'import', 'export']) {
      const result = await cliResult([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: etablera ${command}`);
    }
    expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).toContain('etablera import');
  });
});
